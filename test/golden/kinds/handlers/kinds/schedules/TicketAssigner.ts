// Handler stub created by effect-contracts from test/golden/kinds/contracts/kinds.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * One cluster-wide worker assigning new tickets to agents.
 * Schedule `TicketAssigner`: runs on exactly one pod at a time.
 */
export const TicketAssignerSchedule: Effect.Effect<void> = Effect.logWarning("not implemented: kinds.TicketAssigner (edit test/golden/kinds/handlers/kinds/schedules/TicketAssigner.ts)")
