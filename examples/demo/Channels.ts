/**
 * The demo's channel step: a tenant's `OrderUpdates` and `Operations` followed over SSE on one pod since before
 * the tour's first order, while orders change through both pods; a reconnect with `Last-Event-ID`, and another
 * tenant's key refused. It subscribes and reads; the only changes it makes are two calls through the other pod.
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import OrdersContract from "../../contracts/orders.contract.js"
import { Shared } from "../../contracts/shared.js"
import { Keys } from "../app/Keys.js"
import { Money } from "../app/Money.js"
import { Show } from "../tour/Show.js"
import type { DemoPods } from "./Pods.js"
import { Sse } from "./Sse.js"

const _acme = Shared.TenantId.make("t_acme")
const _ann = Shared.CustomerId.make("cus_ann")
const _ord = Shared.OrderId.make
const _eur = (amountCents: number): Shared.Money => ({ amountCents, currency: "EUR" })
const _order = Schema.decodeUnknownSync(Schema.parseJson(OrdersContract.channels.OrderUpdates.payload))
const _notice = Schema.decodeUnknownSync(Schema.parseJson(OrdersContract.channels.Operations.payload))

/** A channel's SSE URL on `pod` for `key`; with a token, as an `EventSource` (which sends no headers) opens it. */
const url = (pod: DemoPods.Pod, channel: "OrderUpdates" | "Operations", key: string, token?: string) =>
  `${pod.url}/events/orders/${channel}?key=${key}${token === undefined ? "" : `&access_token=${token}`}`

/**
 * Follow t_acme's `OrderUpdates` and `Operations` over SSE on `pod` as `token`'s user, until the scope closes.
 * A subscription starts from now, so the tour opens them before its first order.
 */
const follow = (pod: DemoPods.Pod, token: string) =>
  Effect.gen(function*() {
    const headers = { authorization: `Bearer ${token}` }
    const updates = yield* Sse.open(url(pod, "OrderUpdates", _acme), headers)
    const operations = yield* Sse.open(url(pod, "Operations", _acme), headers)
    return { pod, headers, updates, operations }
  })

type _Followed = Effect.Effect.Success<ReturnType<typeof follow>>

/** The step: two changes through the other pod, every update and notice as pod-a streamed it, a resume, a refusal. */
const step = (pods: readonly [DemoPods.Pod, DemoPods.Pod], followed: _Followed, as: DemoChannels.As) =>
  Effect.gen(function*() {
    const [a, b] = pods
    yield* Show.step(`4. Channels: ${a.name} has streamed t_acme's OrderUpdates and Operations over SSE since before step 1`)
    yield* Console.log(`  GET ${url(a, "OrderUpdates", _acme)}  (authorization: Bearer <usr_acme's token>)`)
    yield* Console.log(`  GET ${url(a, "Operations", _acme)}`)
    const placed = { tenantId: _acme, orderId: _ord("ord_4001"), customerId: _ann, lines: [{ sku: "MUG-01", quantity: 2, unitPrice: _eur(1250) }] }
    yield* Show.attempt(`PlaceOrder ${Keys.order(placed)} via ${b.name}`, as(_acme)(b.orders.PlaceOrder(placed)), Show.order)
    const declined = { ...placed, orderId: _ord("ord_4002"), lines: [{ sku: "POSTER-A2", quantity: 1, unitPrice: _eur(150000) }] }
    yield* Show.attempt(
      `CheckoutOrder ${Keys.order(declined)} via ${b.name}: 1 × POSTER-A2 at 1500.00 EUR (declined)`,
      as(_acme)(b.orders.CheckoutOrder(declined)),
      (r) => `charged ${Money.format(r.charged)}`
    )
    const orders = (frames: ReadonlyArray<Sse.Frame>) => frames.filter((f) => f.event === "message").map((f) => ({ id: f.id, order: _order(f.data) }))
    const updates = yield* Effect.map(
      followed.updates.wait((all) => orders(all).some(({ order: o }) => o.orderId === declined.orderId && o.status === "cancelled")),
      orders
    )
    yield* Console.log(`  OrderUpdates as ${a.name} streamed them (id: the cursor), in commit order, whichever pod took the call:\n${
      updates.map((u) => `    ${u.id.padEnd(12)} ${Show.order(u.order)}`).join("\n")
    }`)
    const notices = yield* followed.operations.wait((all) => all.length >= 2)
    yield* Console.log(`  Operations as ${a.name} streamed them:\n${
      notices.map((f) => _notice(f.data)).map((n) => `    ${n.kind.padEnd(16)} ${n.orderId}: ${n.detail}`).join("\n")
    }`)
    const from = updates.at(-3)!
    const resumed = yield* Effect.scoped(
      Effect.flatMap(Sse.open(url(a, "OrderUpdates", _acme), { ...followed.headers, "last-event-id": from.id }), (s) => s.wait((all) => all.length >= 2))
    )
    yield* Console.log(`  a reconnect with Last-Event-ID ${from.id} gets ${resumed.map((f) => f.id).join(", ")}: nothing missed, nothing twice`)
    const refused = yield* Effect.scoped(Effect.map(Sse.open(url(a, "OrderUpdates", Shared.TenantId.make("t_globex")), followed.headers), (s) => s.status))
    yield* Console.log(`  the same as usr_acme with key=t_globex: ${refused} (the contract's allow: a user follows their own tenant only)`)
  })

/** `DemoChannels.follow(pod, token)` before the tour's changes, `DemoChannels.step(...)` after them. */
export const DemoChannels = { url, follow, step } as const

export declare namespace DemoChannels {
  /** Run an effect as the demo's user of a tenant: its orders calls carry that user's bearer token. */
  type As = (tenantId: Shared.TenantId) => <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}
