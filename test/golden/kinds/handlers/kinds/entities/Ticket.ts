// Handler stub created by effect-contracts from test/golden/kinds/contracts/kinds.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { TicketEntity } from "../../../generated/kinds/entities/Ticket.js"

/** Handlers of entity `Ticket`. Yield the services they need here, then use them below. */
export const TicketHandlers = Effect.gen(function*() {
  return TicketEntity.of({
    /** Open the ticket; a redelivered open is deduplicated by ticket id. */
    Open: (request) => Effect.dieMessage("not implemented: kinds/Ticket.Open (edit test/golden/kinds/handlers/kinds/entities/Ticket.ts)"),
    /** Close the ticket unless it is closed already. */
    Close: (request) => Effect.dieMessage("not implemented: kinds/Ticket.Close (edit test/golden/kinds/handlers/kinds/entities/Ticket.ts)"),
    /** Read the ticket's current state; not persisted, lost if the entity moves mid-call. */
    Peek: (request) => Effect.dieMessage("not implemented: kinds/Ticket.Peek (edit test/golden/kinds/handlers/kinds/entities/Ticket.ts)")
  })
})
