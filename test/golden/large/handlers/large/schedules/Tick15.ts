// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Schedule `Tick15`: runs on `15 * * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const Tick15Schedule = Effect.logWarning("not implemented: large.Tick15 (edit test/golden/large/handlers/large/schedules/Tick15.ts)")
