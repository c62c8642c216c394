// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import type { Sharding } from "@effect/cluster/Sharding"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import { Calls } from "../../../app/Calls.js"
import { Keys } from "../../../app/Keys.js"
import { ReadModels } from "../../../app/ReadModels.js"
import { OrderEntity } from "../../../generated/orders/entities/Order.js"

/**
 * Every five minutes, cancel carts left unpaid for more than an hour.
 * Schedule `ExpireStaleCarts`: runs on `*\/5 * * * *`, once per tick across the cluster. A cart is a
 * `placed` order with no capture in the ledger (both read models, in SQL); each one is cancelled through its
 * Order entity, which decides from its own state. A tick whose read fails logs it and waits for the next.
 */
export const ExpireStaleCartsSchedule: Effect.Effect<void, never, ReadModels | Sharding> = Effect.gen(function*() {
  const { orders: list } = yield* ReadModels
  const orders = yield* OrderEntity.client
  const cutoff = DateTime.subtract(yield* DateTime.now, { hours: 1 })
  const stale = yield* list.stale(cutoff)
  const cancelled = yield* Effect.forEach(stale, (o) =>
    Calls.reliably(orders(Keys.order(o)).Cancel({ tenantId: o.tenantId, orderId: o.orderId, reason: "cart expired" })).pipe(
      Effect.as(true),
      Effect.catchAll((e) => Effect.as(Effect.logWarning(`ExpireStaleCarts: ${Keys.order(o)} not cancelled: ${e._tag}`), false))
    ), { concurrency: 4 })
  yield* Effect.log(
    `ExpireStaleCarts: ${cancelled.filter(Boolean).length} of ${stale.length} unpaid cart(s) placed before ${DateTime.formatIso(cutoff)} cancelled`
  )
}).pipe(Effect.catchAll((e) => Effect.logWarning(`ExpireStaleCarts: the order list could not be read (${e._tag}); next tick`, e)))
