// Handler stub created by effect-contracts from test/golden/kinds/contracts/kinds.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * One cluster-wide worker assigning new tickets to agents.
 * Schedule `TicketAssigner`: runs on exactly one pod at a time. It should run for good (loop): when it returns, it is not restarted.
 * Any services it needs are required by the contract's layer.
 */
export const TicketAssignerSchedule = Effect.logWarning("not implemented: kinds.TicketAssigner (edit test/golden/kinds/handlers/kinds/schedules/TicketAssigner.ts)")
