/**
 * The example app's read models (orders, payments, notifications) and its accounting ledger, in memory.
 * Entities and workflows write here after they change; list RPCs and schedules read. No business rules.
 */
import * as Context from "effect/Context"
import type * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type NotificationsContract from "../../contracts/notifications.contract.js"
import type OrdersContract from "../../contracts/orders.contract.js"
import type PaymentsContract from "../../contracts/payments.contract.js"
import type { Shared } from "../../contracts/shared.js"
import { Keys } from "./Keys.js"
import { Projection } from "./Projection.js"

/** One booking in the shop's books: what was captured from, or refunded to, a customer. */
interface _LedgerEntry {
  /** Deterministic (`<kind>/<payment key>/<ref>`), so a replayed step books nothing twice. */
  readonly entryId: string
  readonly tenantId: Shared.TenantId
  readonly paymentId: Shared.PaymentId
  readonly kind: "capture" | "refund"
  readonly amount: Shared.Money
  readonly bookedAt: DateTime.Utc
  readonly memo: string
}

/**
 * The in-memory store of the example app. `Store.layer` starts empty; every collection is a
 * `Projection` (latest value per key and a change feed).
 */
export class Store extends Context.Tag("examples/Store")<Store, Store.Service>() {
  static readonly layer = Layer.effect(
    Store,
    Effect.all({
      orders: Projection.make<Store.Order>(Keys.order),
      payments: Projection.make<Store.Payment>(Keys.payment),
      notifications: Projection.make<Store.Notification>(Keys.notification),
      ledger: Projection.make<Store.LedgerEntry>((e) => e.entryId)
    })
  )
}

export declare namespace Store {
  type Order = typeof OrdersContract.rpcs.GetOrder.success.Type
  type Payment = typeof PaymentsContract.rpcs.GetPayment.success.Type
  type Notification = typeof NotificationsContract.rpcs.Subscribe.success.Type
  type LedgerEntry = _LedgerEntry
  interface Service {
    readonly orders: Projection<Order>
    readonly payments: Projection<Payment>
    readonly notifications: Projection<Notification>
    readonly ledger: Projection<LedgerEntry>
  }
}
