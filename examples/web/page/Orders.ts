/**
 * The signed-in part of the example page: place an order, look one up, follow a tenant's `OrderUpdates`
 * channel and the `WatchOrders` stream, through the generated client's promise facade. It calls the client and
 * hands what comes back to `View`; it holds the one subscription and the one stream it started, nothing else.
 */
import type { ClientPromise } from "effect-contracts/ClientPromise"
import type { Shared } from "../../../contracts/shared.js"
import type { ClientRpcs } from "../../generated/Client.js"
import type { Session } from "./Session.js"
import { View } from "./View.js"

type _Client = ClientPromise.Client<typeof ClientRpcs>

/** The shop's items and their prices in cents (EUR): what the page offers. */
const _items: Readonly<Record<string, number>> = { "TEE-M": 1990, "MUG-01": 1250, "POSTER-A2": 1500 }

const _newOrderId = () => `ord_${Math.random().toString(36).slice(2, 8)}`

/** A form value as the contract's branded string: the server decodes every payload with the contract's schema. */
const _as = <T extends string>(value: string) => value as T

/** The orders panel of a signed-in user, on `client`: its buttons are wired once; `signIn` / `signOut` switch the user. */
const make = (client: _Client) => {
  const current: { user: Session.Signed | undefined; stop: () => void; stream: (() => void) | undefined } = {
    user: undefined,
    stop: () => undefined,
    stream: undefined
  }
  View.element("sku").replaceChildren(
    ...Object.entries(_items).map(([sku, cents]) =>
      Object.assign(document.createElement("option"), { value: sku, textContent: `${sku} · ${(cents / 100).toFixed(2)} EUR` }))
  )
  View.element<HTMLInputElement>("order-id").value = _newOrderId()

  /** Follow `tenantId`'s order changes from the oldest the server keeps (cursor `0.0`), then live. */
  const follow = (tenantId: string) => {
    current.stop()
    View.feed.clear(tenantId)
    current.stop = client.subscribe("orders.OrderUpdates", _as<Shared.TenantId>(tenantId), {
      cursor: "0.0",
      onMessage: View.feed.message,
      onGap: View.feed.gap,
      onError: (e) => View.feed.ended(View.error(`OrderUpdates ${tenantId}`, e))
    })
  }

  const place = (user: Session.Signed) => {
    const orderId = View.value("order-id")
    const sku = View.value("sku")
    View.element<HTMLInputElement>("order-id").value = _newOrderId()
    return View.track(
      `PlaceOrder ${orderId}`,
      client.orders.PlaceOrder({
        tenantId: user.tenantId,
        orderId: _as<Shared.OrderId>(orderId),
        customerId: _as<Shared.CustomerId>(View.value("customer-id")),
        lines: [{ sku, quantity: Number(View.value("quantity")), unitPrice: { amountCents: _items[sku] ?? 0, currency: "EUR" } }]
      }),
      (o) => `${o.status} ${View.money(o.total)}`
    )
  }

  const lookup = () => {
    const [tenantId, orderId] = [View.value("lookup-tenant"), View.value("lookup-order")]
    return View.track(
      `GetOrder ${tenantId}/${orderId}`,
      client.orders.GetOrder({ tenantId: _as<Shared.TenantId>(tenantId), orderId: _as<Shared.OrderId>(orderId) }),
      (o) => `${o.status} ${View.money(o.total)}, ${o.lines.length} line(s)`
    )
  }

  /** The streaming RPC, read item by item until it ends (a disconnect ends it: streams are never replayed). */
  const watch = (user: Session.Signed) => {
    current.stream?.()
    const items = client.orders.WatchOrders({ tenantId: user.tenantId })[Symbol.asyncIterator]()
    const next = (): Promise<void> =>
      items.next().then((r) => r.done === true ? View.stream.ended("done") : (View.stream.item(r.value), next()))
    current.stream = () => void items.return?.()
    View.stream.ended("started")
    return next().catch((e) => View.stream.ended(View.error("WatchOrders", e)))
  }

  const signedIn = (action: (user: Session.Signed) => unknown) => () => current.user === undefined ? undefined : action(current.user)
  View.onClick("place", signedIn(place))
  View.onClick("lookup", lookup)
  View.onClick("watch", () => follow(View.value("watch-tenant")))
  View.onClick("stream", signedIn(watch))

  return {
    signIn: (user: Session.Signed) => {
      current.user = user
      View.signedIn(user)
      follow(user.tenantId)
    },
    signOut: () => {
      current.stop()
      current.stream?.()
      current.user = undefined
      View.signedIn(undefined)
    }
  }
}

/** The orders panel: `Orders.make(client)` → `{ signIn, signOut }`. */
export const Orders = { make } as const
