// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Every five minutes, cancel carts left unpaid for more than an hour.
 * Schedule `ExpireStaleCarts`: runs on `*\/5 * * * *`, once per tick across the cluster.
 */
export const ExpireStaleCartsSchedule: Effect.Effect<void> = Effect.logWarning("not implemented: orders.ExpireStaleCarts (edit examples/handlers/orders/schedules/ExpireStaleCarts.ts)")
