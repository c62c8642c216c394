// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Schedule `Tick13`: runs on `13 * * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const Tick13Schedule = Effect.logWarning("not implemented: large.Tick13 (edit test/golden/large/handlers/large/schedules/Tick13.ts)")
