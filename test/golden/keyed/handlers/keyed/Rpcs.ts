// Handler stub created by effect-contracts from test/golden/keyed/contracts/keyed.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { KeyedRpcs } from "../../generated/keyed/Rpcs.js"

/** Handlers of the public RPCs of contract `keyed`. Yield the services they need here, then use them below. */
export const KeyedRpcHandlers = Effect.gen(function*() {
  return KeyedRpcs.of({
    /** A public RPC may declare a primary key too: its payload carries it, unused. */
    Lookup: (payload) => Effect.dieMessage("not implemented: keyed.Lookup (edit test/golden/keyed/handlers/keyed/Rpcs.ts)")
  })
})
