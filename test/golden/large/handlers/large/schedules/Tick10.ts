// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Schedule `Tick10`: runs on `10 * * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const Tick10Schedule = Effect.logWarning("not implemented: large.Tick10 (edit test/golden/large/handlers/large/schedules/Tick10.ts)")
