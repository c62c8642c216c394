// Handler stub created by effect-contracts from test/golden/multi/contracts/shipping.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Every hour, hand queued parcels to the carrier.
 * Schedule `HandOver`: runs on `0 * * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const HandOverSchedule = Effect.logWarning("not implemented: shipping.HandOver (edit test/golden/multi/handlers/shipping/schedules/HandOver.ts)")
