/**
 * The example web page as the browser tests use it, through its controls and the `data-*` attributes of what it
 * shows: open it on a pod and sign in as a demo user, place and look up orders, and read its connection state,
 * calls, live feed, stream and errors. Every wait is for something the page shows, never a fixed delay.
 */
import type { BrowserContext, Page } from "playwright-core"
import type { Shop } from "./Shop.js"

/** A row of the live feed: a message (`order`, `status`) or a gap, with its cursor. */
interface _Row {
  readonly cursor: string
  readonly order: string
  readonly status: string
  readonly gap: boolean
}

const _wait = { timeout: 60_000 }

/** Sign in on `page`: load `path` of `pod` (`/app/`, `/app/stale/`; with a query), pick `user`, wait until signed in. */
const signIn = (page: Page, pod: Shop.Pod, user: string, path = "/app/") =>
  page.goto(`${pod.url}${path}`)
    .then(() => page.waitForSelector(`#user option[value="${user}"]`, { state: "attached", ..._wait }))
    .then(() => page.selectOption("#user", user))
    .then(() => page.click("#sign-in"))
    .then(() => page.waitForSelector(`#who:has-text("${user}")`, _wait))
    .then(() => page)

/** A new page of `context`, signed in as `user` (see `signIn`). */
const open = (context: BrowserContext, pod: Shop.Pod, user: string, path = "/app/") =>
  context.newPage().then((page) => signIn(page, pod, user, path))

/** The state the header shows now, and every state it has shown, in order. */
const state = (page: Page) =>
  page.$eval("#state", (el) => ({ now: el.dataset["state"] ?? "", history: (el.dataset["history"] ?? "").split(" ") }))

/** Wait until the header shows `s`. */
const until = (page: Page, s: string) => page.waitForSelector(`#state[data-state="${s}"]`, _wait)

/** Click "Place order" for `orderId`; resolves when the click is made (the call may still be pending). */
const place = (page: Page, orderId: string) => page.fill("#order-id", orderId).then(() => page.click("#place"))

/** The latest call labelled `label` as the page shows it: `pending`, `ok` or `error` (with its tag). */
const call = (page: Page, label: string) =>
  page.locator(`#calls li[data-call="${label}"]`).last().evaluate((el: HTMLElement) => ({
    status: el.dataset["status"] ?? "",
    tag: el.dataset["tag"] ?? "",
    ms: Number(el.dataset["ms"] ?? "NaN"),
    text: el.textContent ?? ""
  }))

/** Wait until the latest call labelled `label` is answered, and read how. */
const answered = (page: Page, label: string) =>
  page.waitForFunction((l) => {
    const items = Array.from(document.querySelectorAll<HTMLElement>("#calls li")).filter((i) => i.dataset["call"] === l)
    return items.length > 0 && items.at(-1)?.dataset["status"] !== "pending"
  }, label, _wait).then(() => call(page, label))

/** Place `orderId` and wait for the answer. */
const placed = (page: Page, orderId: string) => place(page, orderId).then(() => answered(page, `PlaceOrder ${orderId}`))

/** Look up `tenant`/`orderId` (GetOrder) and wait for the answer. */
const lookup = (page: Page, tenant: string, orderId: string) =>
  page.fill("#lookup-tenant", tenant)
    .then(() => page.fill("#lookup-order", orderId))
    .then(() => page.click("#lookup"))
    .then(() => answered(page, `GetOrder ${tenant}/${orderId}`))

/** Follow `tenant`'s `OrderUpdates` instead of the signed-in user's own. */
const follow = (page: Page, tenant: string) => page.fill("#watch-tenant", tenant).then(() => page.click("#watch"))

/** Every row of the live feed, in the order the page received them. */
const feed = (page: Page): Promise<ReadonlyArray<_Row>> =>
  page.$$eval("#feed tr", (rows) =>
    rows.map((r) => ({ cursor: r.dataset["cursor"] ?? "", order: r.dataset["order"] ?? "", status: r.dataset["status"] ?? "", gap: r.dataset["gap"] === "true" })))

/** Wait until the live feed shows `orderId` with `status`. */
const shows = (page: Page, orderId: string, status = "placed") =>
  page.waitForSelector(`#feed tr[data-order="${orderId}"][data-status="${status}"]`, { state: "attached", ..._wait })

/** The items of the `WatchOrders` stream: `<order> <status>`, and `ended: <how>` lines. */
const stream = (page: Page) =>
  page.$$eval("#stream-items li", (items) => items.map((i) => i.dataset["ended"] === undefined ? `${i.dataset["order"]} ${i.dataset["status"]}` : `ended: ${i.dataset["ended"]}`))

/** The typed errors shown: `<tag> · <where>`. */
const errors = (page: Page) => page.$$eval("#errors li", (items) => items.map((i) => `${i.dataset["tag"]} · ${i.dataset["where"]}`))

/** Wait until an error tagged `tag` is shown for `where`. */
const error = (page: Page, tag: string, where: string) =>
  page.waitForSelector(`#errors li[data-tag="${tag}"][data-where="${where}"]`, { state: "attached", ..._wait })

/** The example page, driven: `open`, `place`, `placed`, `lookup`, `follow`, and what it shows. */
export const ShopPage = { signIn, open, state, until, place, call, answered, placed, lookup, follow, feed, shows, stream, errors, error } as const

export declare namespace ShopPage {
  type Row = _Row
}
