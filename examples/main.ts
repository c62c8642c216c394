/**
 * A scripted tour of the example app in one process, on the in-memory cluster (TestRunner): entities,
 * typed errors, the Checkout and Refund workflows, the public RPCs and channels (as a signed-in user of a
 * tenant), the cron jobs and shard placement.
 */
import * as ClusterWorkflowEngine from "@effect/cluster/ClusterWorkflowEngine"
import * as EntityId from "@effect/cluster/EntityId"
import * as TestRunner from "@effect/cluster/TestRunner"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as RpcTest from "@effect/rpc/RpcTest"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as Chunk from "effect/Chunk"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { Auth } from "effect-contracts/Auth"
import PaymentsContract from "../contracts/payments.contract.js"
import { Shared } from "../contracts/shared.js"
import { Calls } from "./app/Calls.js"
import { DemoTokens } from "./app/DemoTokens.js"
import { Inventory } from "./app/Inventory.js"
import { Keys } from "./app/Keys.js"
import { Money } from "./app/Money.js"
import { ReadModels } from "./app/ReadModels.js"
import { AppLayer } from "./generated/Layer.js"
import { InboxEntity } from "./generated/notifications/entities/Inbox.js"
import { NotificationsRpcs } from "./generated/notifications/Rpcs.js"
import { OrdersAuth } from "./generated/orders/Auth.js"
import { PaymentsAuth } from "./generated/payments/Auth.js"
import { OrdersChannelRpcs } from "./generated/orders/Channels.js"
import { OrderEntity } from "./generated/orders/entities/Order.js"
import { OrdersRpcs } from "./generated/orders/Rpcs.js"
import { CheckoutWorkflow } from "./generated/orders/workflows/Checkout.js"
import { PaymentEntity } from "./generated/payments/entities/Payment.js"
import { PaymentsRpcs } from "./generated/payments/Rpcs.js"
import { RefundWorkflow } from "./generated/payments/workflows/Refund.js"
import { ExpireStaleCartsSchedule } from "./handlers/orders/schedules/ExpireStaleCarts.js"
import { ReconcileLedgerSchedule } from "./handlers/payments/schedules/ReconcileLedger.js"
import { Show } from "./tour/Show.js"

const _acme = Shared.TenantId.make("t_acme")
const _globex = Shared.TenantId.make("t_globex")
const _ann = Shared.CustomerId.make("cus_ann")
const _bob = Shared.CustomerId.make("cus_bob")
const _cy = Shared.CustomerId.make("cus_cy")
const _ord = Shared.OrderId.make
const _pay2001 = Shared.PaymentId.make("pay_2001")
const _refundId = PaymentsContract.workflows.Refund.versions[0].fields.refundId.make
const _eur = (amountCents: number): Shared.Money => ({ amountCents, currency: "EUR" })
const _usd = (amountCents: number): Shared.Money => ({ amountCents, currency: "USD" })
const _line = (sku: string, quantity: number, unitPrice: Shared.Money): Show.Order["lines"][number] => ({ sku, quantity, unitPrice })
/** `read` once it satisfies `done` (a read model fed by events catches up a moment after each change). */
const _settled = <A, E, R>(read: Effect.Effect<A, E, R>, done: (a: A) => boolean) =>
  read.pipe(Effect.filterOrFail(done), Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 200 }), Effect.orDie)

const _list = <A>(items: Iterable<A>, show: (a: A) => string): string =>
  Array.from(items, (a) => `    ${show(a)}`).join("\n")

const _tour = Effect.gen(function*() {
  const orders = yield* OrderEntity.client
  const payments = yield* PaymentEntity.client
  const ordersApi = yield* RpcTest.makeClient(OrdersRpcs)
  const paymentsApi = yield* RpcTest.makeClient(PaymentsRpcs)
  const notificationsApi = yield* RpcTest.makeClient(NotificationsRpcs)
  const channelsApi = yield* RpcTest.makeClient(OrdersChannelRpcs)
  // The orders RPCs need a verified user of the tenant they touch: a demo token (`DemoTokens`) per call.
  const key = yield* DemoTokens.key
  const as = (tenantId: Shared.TenantId) => DemoTokens.as(DemoTokens.sign(key, { tenantId, userId: Shared.UserId.make("usr_tour") }))
  const order = (tenantId: Shared.TenantId, orderId: string) => {
    const key = { tenantId, orderId: _ord(orderId) }
    return { key, client: orders(Keys.order(key)), label: Keys.order(key) }
  }
  const place = (tenantId: Shared.TenantId, orderId: string, customerId: Shared.CustomerId, lines: Show.Order["lines"]) => {
    const o = order(tenantId, orderId)
    return Show.attempt(`Place ${o.label}`, Calls.reliably(o.client.Place({ ...o.key, customerId, lines })), Show.order)
  }
  const cancel = (tenantId: Shared.TenantId, orderId: string, note: string) => {
    const o = order(tenantId, orderId)
    return Show.attempt(
      `Cancel ${o.label}${note === "" ? "" : ` ${note}`}`,
      Calls.reliably(o.client.Cancel({ ...o.key, reason: "customer changed their mind" })),
      (c) => `${Show.order(c)}, cancelled at ${c.cancelledAt ? DateTime.formatIso(c.cancelledAt) : "-"}`
    )
  }
  const watcher = yield* ordersApi.WatchOrders({ tenantId: _globex }).pipe(
    Stream.takeUntil((o) => o.orderId === "ord_2002" && o.status === "cancelled"),
    Stream.runCollect,
    as(_globex),
    Effect.fork
  )
  // The channel's own RPC: typed items, each message with the cursor a reconnecting client resumes from (after
  // `Start`, the cursor of where a subscription without one began).
  const alerts = yield* channelsApi.orders.Operations({ key: _globex }).pipe(
    Stream.filter((i) => i._tag !== "Start"),
    Stream.take(2),
    Stream.runCollect,
    as(_globex),
    Effect.fork
  )

  yield* Show.step("1. Place orders for two tenants through the Order entity client")
  yield* place(_acme, "ord_1001", _ann, [_line("TEE-M", 2, _eur(1990)), _line("MUG-01", 1, _eur(1250))])
  yield* place(_acme, "ord_1002", _bob, [_line("POSTER-A2", 1, _eur(1500))])
  yield* place(_globex, "ord_1001", _cy, [_line("MUG-01", 3, _usd(900))])
  yield* place(_acme, "ord_1003", _bob, [_line("TEE-M", 1, _eur(1990)), _line("MUG-01", 1, _usd(1250))])

  yield* Show.step("2. Read one back (Order.Get): the same order id in another tenant is another entity")
  const globex1001 = order(_globex, "ord_1001")
  yield* Show.attempt(`Get ${globex1001.label}`, Calls.reliably(globex1001.client.Get(globex1001.key)), Show.order)

  yield* Show.step("3. Cancel an order, cancel it again, cancel one that was never placed")
  yield* cancel(_acme, "ord_1002", "")
  yield* cancel(_acme, "ord_1002", "again (same primary key t_acme/ord_1002: the stored reply, handler not re-run)")
  yield* cancel(_acme, "ord_9999", "(never placed)")

  yield* Show.step("4. Checkout workflow (execute): place, reserve stock, authorize, capture, notify")
  yield* Show.attempt(
    "Checkout t_acme/ord_2001: 3 × TEE-M at 19.90 EUR, coupon WELCOME10",
    CheckoutWorkflow.execute({
      input: {
        tenantId: _acme,
        orderId: _ord("ord_2001"),
        customerId: _ann,
        lines: [_line("TEE-M", 3, _eur(1990))],
        couponCode: "WELCOME10"
      }
    }),
    (r) => `orderId ${r.orderId}, paymentId ${r.paymentId}, charged ${Money.format(r.charged)}`
  )
  yield* Show.attempt(
    "Checkout t_globex/ord_2002: 1 × POSTER-A2 at 1500.00 USD (above the provider's limit)",
    CheckoutWorkflow.execute({
      input: {
        tenantId: _globex,
        orderId: _ord("ord_2002"),
        customerId: _cy,
        lines: [_line("POSTER-A2", 1, _usd(150000))]
      }
    }),
    (r) => `charged ${Money.format(r.charged)}`
  )
  yield* Show.attempt(
    "after its compensations: GetOrder t_globex/ord_2002",
    as(_globex)(ordersApi.GetOrder(order(_globex, "ord_2002").key)),
    Show.order
  )
  const posters = yield* (yield* Inventory).level("POSTER-A2")
  yield* Console.log(`    POSTER-A2 on the shelf: ${posters} of 3 (reservation released)`)

  yield* Show.step("5. Refund workflow: give 10.00 EUR back on the ord_2001 payment")
  yield* Show.attempt(
    "Refund re_2001a on t_acme/pay_2001",
    RefundWorkflow.execute({
      input: {
        tenantId: _acme,
        paymentId: _pay2001,
        refundId: _refundId("re_2001a"),
        amount: _eur(1000),
        reason: "requested_by_customer"
      }
    }),
    (r) => `${Show.payment(r.payment)}; booked at ${DateTime.formatIso(r.refundedAt)}`
  )

  yield* Show.step("6. Public RPCs, served in-process (RpcTest) from the generated RpcGroups")
  // The order list and the ledger are SQL read models fed by events: wait until they caught up with steps 1-5.
  const { ledger, orders: list } = yield* ReadModels
  yield* _settled(list.list({ tenantId: _acme, offset: 0, limit: 100 }), (l) => l.orders.length === 3)
  const page = yield* as(_acme)(ordersApi.ListOrders({ tenantId: _acme, limit: 2 }))
  yield* Console.log(`  ListOrders t_acme, limit 2 (nextCursor ${page.nextCursor})\n${_list(page.orders, Show.order)}`)
  yield* Show.attempt("GetOrder t_globex/ord_1001 as a user of t_acme", as(_acme)(ordersApi.GetOrder(order(_globex, "ord_1001").key)), Show.order)
  yield* Show.attempt(
    "GetPayment t_acme/pay_2001",
    as(_acme)(paymentsApi.GetPayment({ tenantId: _acme, paymentId: _pay2001 })),
    Show.payment
  )
  const unread = yield* notificationsApi.ListNotifications({ tenantId: _acme, customerId: _ann, unreadOnly: true })
  yield* Console.log(`  ListNotifications t_acme/cus_ann, unread only\n${_list(unread, Show.notification)}`)
  const seen = Chunk.toReadonlyArray(yield* Fiber.join(watcher))
  yield* Console.log(`  WatchOrders t_globex (subscribed before step 1) streamed\n${_list(seen, Show.order)}`)
  const notices = Chunk.toReadonlyArray(yield* Fiber.join(alerts)).flatMap((i) => i._tag === "Message" ? [i] : [])
  yield* Console.log(`  orders.Operations t_globex (the channel's RPC) streamed\n${
    _list(notices, (m) => `${m.cursor.padEnd(12)} ${m.payload.kind} ${m.payload.orderId}: ${m.payload.detail}`)
  }`)

  yield* Show.step("7. Cron jobs, run once by hand (the cluster runs them on their schedules)")
  yield* Console.log("  a 5.00 EUR refund straight on the Payment entity, not through the Refund workflow: the ledger books it")
  yield* Console.log("  from the PaymentRefunded event the entity publishes with the change, as it booked the workflow's:")
  const refund = { tenantId: _acme, paymentId: _pay2001, refundId: _refundId("re_2001b"), amount: _eur(500) }
  yield* Calls.reliably(payments(Keys.payment(refund)).Refund(refund)).pipe(Effect.orDie)
  yield* _settled(ledger.all, (entries) => entries.length === 3)
  yield* ReconcileLedgerSchedule
  yield* ExpireStaleCartsSchedule

  yield* Show.step("8. Shards: where each entity id lives (TestRunner: one runner owns all 300 shards)")
  const ids = [
    [OrderEntity, Keys.order({ tenantId: _acme, orderId: _ord("ord_1001") })],
    [OrderEntity, Keys.order({ tenantId: _globex, orderId: _ord("ord_1001") })],
    [OrderEntity, Keys.order({ tenantId: _acme, orderId: _ord("ord_2001") })],
    [PaymentEntity, Keys.payment({ tenantId: _acme, paymentId: _pay2001 })],
    [InboxEntity, Keys.inbox({ tenantId: _acme, customerId: _ann })]
  ] as const
  yield* Effect.forEach(ids, ([entity, id]) =>
    entity.getShardId(EntityId.make(id)).pipe(
      Effect.flatMap((shard) => Console.log(`  ${entity.type.padEnd(8)}${id.padEnd(18)}→ shard ${shard.toString()}`))
    ))
  yield* Console.log("\nTour done.")
}).pipe(Effect.scoped)

/** The app's handlers on an in-memory cluster with the cluster workflow engine, plus the app's own services. */
const _Live = AppLayer.pipe(
  Layer.merge(Layer.merge(Auth.client(OrdersAuth, DemoTokens.current), Auth.client(PaymentsAuth, DemoTokens.current))),
  Layer.provideMerge(Layer.mergeAll(ReadModels.layer, Inventory.layer)),
  Layer.provideMerge(ClusterWorkflowEngine.layer),
  Layer.provideMerge(TestRunner.layer),
  // The events outbox and the webhook queue are SQL tables: an in-memory SQLite database for the tour.
  Layer.provideMerge(SqliteClient.layer({ filename: ":memory:" }))
)

NodeRuntime.runMain(_tour.pipe(Effect.provide(_Live)))
