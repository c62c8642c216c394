// Handler stub created by effect-contracts from test/golden/kinds/contracts/kinds.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Every night at 03:15, close tickets idle for thirty days.
 * Schedule `CloseIdleTickets`: runs on `15 3 * * *`, once per tick across the cluster.
 * Any services it needs are required by the contract's layer.
 */
export const CloseIdleTicketsSchedule = Effect.logWarning("not implemented: kinds.CloseIdleTickets (edit test/golden/kinds/handlers/kinds/schedules/CloseIdleTickets.ts)")
