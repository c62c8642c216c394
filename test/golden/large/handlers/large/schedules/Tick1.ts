// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Schedule `Tick1`: runs on `1 * * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const Tick1Schedule = Effect.logWarning("not implemented: large.Tick1 (edit test/golden/large/handlers/large/schedules/Tick1.ts)")
