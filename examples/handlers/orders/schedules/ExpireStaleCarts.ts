// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import type { Sharding } from "@effect/cluster/Sharding"
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import { Calls } from "../../../app/Calls.js"
import { Keys } from "../../../app/Keys.js"
import { Store } from "../../../app/Store.js"
import { OrderEntity } from "../../../generated/orders/entities/Order.js"

/**
 * Every five minutes, cancel carts left unpaid for more than an hour.
 * Schedule `ExpireStaleCarts`: runs on `*\/5 * * * *`, once per tick across the cluster. A cart is a
 * `placed` order with no captured payment; each one is cancelled through its Order entity.
 */
export const ExpireStaleCartsSchedule: Effect.Effect<void, never, Store | Sharding> = Effect.gen(function*() {
  const store = yield* Store
  const orders = yield* OrderEntity.client
  const cutoff = DateTime.subtract(yield* DateTime.now, { hours: 1 })
  const paid = new Set(
    Arr.filter(yield* store.payments.all, (p) => p.captured.amountCents > 0).map((p) => Keys.order(p))
  )
  const stale = Arr.filter(yield* store.orders.all, (o) =>
    o.status === "placed" && DateTime.lessThan(o.placedAt, cutoff) && !paid.has(Keys.order(o)))
  yield* Effect.forEach(stale, (o) =>
    Calls.reliably(orders(Keys.order(o)).Cancel({ tenantId: o.tenantId, orderId: o.orderId, reason: "cart expired" })).pipe(
      Effect.catchAll((e) => Effect.logWarning(`ExpireStaleCarts: ${Keys.order(o)} not cancelled: ${e._tag}`))
    ), { concurrency: 4, discard: true })
  yield* Effect.log(
    `ExpireStaleCarts: ${stale.length} unpaid cart(s) placed before ${DateTime.formatIso(cutoff)} cancelled`
  )
})
