// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Schedule `Tick26`: runs on `26 * * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const Tick26Schedule = Effect.logWarning("not implemented: large.Tick26 (edit test/golden/large/handlers/large/schedules/Tick26.ts)")
