// Handler stub created by effect-contracts from test/golden/channels/contracts/desk.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { DeskRpcs } from "../../generated/desk/Rpcs.js"

/** Handlers of the public RPCs of contract `desk`. Yield the services they need here, then use them below. */
export const DeskRpcHandlers = Effect.gen(function*() {
  return DeskRpcs.of({
    /**
     * Close a ticket of the caller's tenant; its handler publishes the change to `TicketUpdates`.
     * The verified caller: `yield* CurrentDeskPrincipal`.
     */
    CloseTicket: (payload) => Effect.dieMessage("not implemented: desk.CloseTicket (edit test/golden/channels/handlers/desk/Rpcs.ts)")
  })
})
