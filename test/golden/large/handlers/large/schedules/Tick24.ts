// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Schedule `Tick24`: runs on `24 * * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const Tick24Schedule = Effect.logWarning("not implemented: large.Tick24 (edit test/golden/large/handlers/large/schedules/Tick24.ts)")
