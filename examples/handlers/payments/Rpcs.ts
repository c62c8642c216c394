// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { PaymentsRpcs } from "../../generated/payments/Rpcs.js"

/** Handlers of the public RPCs of contract `payments`. Yield the services they need here, then use them below. */
export const PaymentsRpcHandlers = Effect.gen(function*() {
  return PaymentsRpcs.of({
    /** Read one payment of the caller's tenant. */
    GetPayment: (payload) => Effect.dieMessage("not implemented: payments.GetPayment (edit examples/handlers/payments/Rpcs.ts)")
  })
})
