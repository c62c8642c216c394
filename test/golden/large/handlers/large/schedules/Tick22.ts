// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Schedule `Tick22`: runs on `22 * * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const Tick22Schedule = Effect.logWarning("not implemented: large.Tick22 (edit test/golden/large/handlers/large/schedules/Tick22.ts)")
