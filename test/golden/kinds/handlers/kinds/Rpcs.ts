// Handler stub created by effect-contracts from test/golden/kinds/contracts/kinds.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { KindsRpcs } from "../../generated/kinds/Rpcs.js"

/** Handlers of the public RPCs of contract `kinds`. Yield the services they need here, then use them below. */
export const KindsRpcHandlers = Effect.gen(function*() {
  return KindsRpcs.of({
    /** Read one ticket by id. */
    GetTicket: (payload) => Effect.dieMessage("not implemented: kinds.GetTicket (edit test/golden/kinds/handlers/kinds/Rpcs.ts)"),
    /** Ping the service: no payload, no success value. */
    Ping: (payload) => Effect.dieMessage("not implemented: kinds.Ping (edit test/golden/kinds/handlers/kinds/Rpcs.ts)"),
    /** Stream every ticket as it changes. */
    WatchTickets: (payload) => Stream.dieMessage("not implemented: kinds.WatchTickets (edit test/golden/kinds/handlers/kinds/Rpcs.ts)")
  })
})
