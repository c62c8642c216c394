// Handler stub created by effect-contracts from test/golden/multi/contracts/shipping.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { ShippingRpcs } from "../../generated/shipping/Rpcs.js"

/** Handlers of the public RPCs of contract `shipping`. Yield the services they need here, then use them below. */
export const ShippingRpcHandlers = Effect.gen(function*() {
  return ShippingRpcs.of({
    /** Quote the postage of a parcel. */
    QuotePostage: (payload) => Effect.dieMessage("not implemented: shipping.QuotePostage (edit test/golden/multi/handlers/shipping/Rpcs.ts)")
  })
})
