// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * One cluster-wide indexer keeping the order search index in step with order events.
 * Schedule `OrderIndexer`: runs on exactly one pod at a time.
 */
export const OrderIndexerSchedule: Effect.Effect<void> = Effect.logWarning("not implemented: orders.OrderIndexer (edit examples/handlers/orders/schedules/OrderIndexer.ts)")
