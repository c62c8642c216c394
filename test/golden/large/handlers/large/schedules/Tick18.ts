// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Schedule `Tick18`: runs on `18 * * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const Tick18Schedule = Effect.logWarning("not implemented: large.Tick18 (edit test/golden/large/handlers/large/schedules/Tick18.ts)")
