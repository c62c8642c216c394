/**
 * What the example page shows, and only that: the connection state, the signed-in user, calls as they go,
 * typed errors by tag (with what each means), the live feed of a channel and a stream's items. Plain DOM; it
 * calls nothing on the server. Elements carry `data-*` attributes that say what they show (the browser tests read them).
 */
import type OrdersContract from "../../../contracts/orders.contract.js"
import type { Session } from "./Session.js"

type _Order = typeof OrdersContract.rpcs.GetOrder.success.Type

const _el = <E extends HTMLElement = HTMLElement>(id: string): E => document.getElementById(id) as E

/** A new child of `parent` with `text` and `data-*` attributes, appended (oldest first). */
const _add = <K extends keyof HTMLElementTagNameMap>(parent: HTMLElement, tag: K, text: string, data: Readonly<Record<string, string>>) => {
  const child = document.createElement(tag)
  child.textContent = text
  Object.assign(child.dataset, data)
  parent.append(child)
  return child
}

const _money = (m: _Order["total"]) => `${(m.amountCents / 100).toFixed(2)} ${m.currency}`

/** The connection's state in the header; `data-history` keeps every state it has had, in order. */
const state = (s: string) => {
  const badge = _el("state")
  badge.textContent = s
  badge.dataset.state = s
  badge.dataset.history = [...(badge.dataset.history ?? "").split(" ").filter((h) => h !== ""), s].join(" ")
}

type _Fields = Readonly<Record<string, unknown>>

/** What each typed error means to the user, by tag: the edge's (`EdgeError`) and the orders contract's. */
const _meaning: Readonly<Record<string, (e: _Fields) => string>> = {
  Unauthorized: () => "not signed in, or the token was refused",
  Forbidden: () => "that is another tenant's: not yours to see or change",
  UpgradeRequired: (e) => `this page was built for contracts ${String(e["client"])}, the server runs ${String(e["server"])}: reload it`,
  Unavailable: (e) =>
    e["outcome"] === "not-stored" ? "not sent: try again" : e["outcome"] === "stored" ? "accepted, it will still run" : "it may or may not have run",
  Overloaded: (e) => `the server is busy: try again in ${String(e["retryAfterMs"])} ms`,
  RequestInvalid: () => "the server refused the request as malformed",
  OrderNotFound: (e) => `no order ${String(e["orderId"])} in ${String(e["tenantId"])}`,
  OrderRejected: (e) => `order ${String(e["orderId"])} rejected: ${String(e["reason"])}`,
  // Not from the server: the client checks each payload against the contract's schema before sending it.
  ParseError: (e) => `not sent, the form does not fit the contract: ${String(e["message"]).trim().split("\n").at(-1)?.replace(/^[\s└─]+/, "")}`
}

/** Errors whose meaning above already says all their message would. */
const _spelledOut = new Set(["UpgradeRequired", "OrderNotFound", "OrderRejected", "ParseError"])

const _tag = (e: unknown): string =>
  typeof e === "object" && e !== null && "_tag" in e && typeof e._tag === "string" ? e._tag : "Defect"

/** A failure of `where`, shown by its tag; `UpgradeRequired` also raises the banner. Returns the tag. */
const error = (where: string, e: unknown): string => {
  const tag = _tag(e)
  const fields = (typeof e === "object" && e !== null ? e : {}) as _Fields
  const message = typeof fields["message"] === "string" && fields["message"] !== "" && !_spelledOut.has(tag) ? ` (${fields["message"]})` : ""
  const meaning = _meaning[tag]?.(fields) ?? String(e)
  _add(_el("errors"), "li", `${tag} · ${where}: ${meaning}${message}`, { tag, where })
  if (tag === "UpgradeRequired") Object.assign(_el("banner"), { hidden: false, textContent: `Upgrade required: ${meaning}.` })
  return tag
}

/**
 * Show `call` as it goes: pending, then its answer (`show`) or its typed error, with how long it took. A call
 * made while the connection is down stays pending until it is answered (or times out).
 */
const track = <A>(label: string, call: Promise<A>, show: (a: A) => string): Promise<void> => {
  const item = _add(_el("calls"), "li", `${label} …`, { call: label, status: "pending" })
  const started = performance.now()
  const settle = (status: "ok" | "error", text: string, tag = "") => {
    const ms = String(Math.round(performance.now() - started))
    Object.assign(item.dataset, { status, ms, tag })
    item.textContent = `${label} ${text} (${ms} ms)`
  }
  return call.then((a) => settle("ok", `✓ ${show(a)}`), (e) => {
    const tag = error(label, e)
    settle("error", `✗ ${tag}`, tag)
  })
}

/** The live feed of one tenant's `OrderUpdates`: a row per message (its cursor, the order as it is now) or gap. */
const feed = {
  clear: (tenantId: string) => {
    _el("feed").replaceChildren()
    _el("watching").textContent = `following ${tenantId}`
    _el("watching").dataset.tenant = tenantId
  },
  message: (order: _Order, cursor: string) => {
    const row = _add(_el("feed"), "tr", "", { cursor, order: order.orderId, status: order.status })
    ;[cursor, order.orderId, order.status, _money(order.total), order.customerId].forEach((text) => _add(row, "td", text, {}))
  },
  gap: (gap: { readonly cursor: string; readonly message: string }) => {
    const row = _add(_el("feed"), "tr", "", { cursor: gap.cursor, gap: "true" })
    Object.assign(_add(row, "td", `gap: ${gap.message} (refetch what you show)`, {}), { colSpan: 5 })
  },
  ended: (tag: string) => void (_el("watching").textContent = `stopped: ${tag}`)
}

/** The items of the `WatchOrders` stream, and how it ended. */
const stream = {
  item: (order: _Order) => void _add(_el("stream-items"), "li", `${order.orderId} ${order.status} ${_money(order.total)}`, { order: order.orderId, status: order.status }),
  ended: (how: string) => void _add(_el("stream-items"), "li", `stream ended: ${how}`, { ended: how })
}

/** The demo users to pick from. */
const users = (list: ReadonlyArray<Session.User>) =>
  _el("user").replaceChildren(...list.map((u) => Object.assign(document.createElement("option"), { value: u.userId, textContent: `${u.userId} (${u.tenantId})` })))

/** Show the signed-in part of the page for `user`, or only the sign-in (`undefined`). */
const signedIn = (user: Session.User | undefined) => {
  _el("app").hidden = user === undefined
  _el("sign-out").hidden = user === undefined
  _el("sign-in").hidden = user !== undefined
  _el("who").textContent = user === undefined ? "" : `signed in as ${user.userId} of ${user.tenantId}`
  _el("who").dataset.tenant = user?.tenantId ?? ""
  ;["lookup-tenant", "watch-tenant"].forEach((id) => void (_el<HTMLInputElement>(id).value = user?.tenantId ?? ""))
}

/** Read an input's (or a select's) value. */
const value = (id: string): string => _el<HTMLInputElement>(id).value.trim()

/** Call `action` when the button `id` is clicked. */
const onClick = (id: string, action: () => void) => _el(id).addEventListener("click", action)

/** The page's rendering: `View.state(s)`, `View.error(where, e)`, `View.track(label, call, show)`, `View.feed`, … */
export const View = { state, error, track, feed, stream, users, signedIn, value, onClick, element: _el, money: _money } as const
