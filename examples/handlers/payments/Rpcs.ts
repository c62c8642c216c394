// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { EntityClient } from "effect-contracts/EntityClient"
import { Keys } from "../../app/Keys.js"
import { PaymentEntity } from "../../generated/payments/entities/Payment.js"
import { PaymentsRpcs } from "../../generated/payments/Rpcs.js"

// #region readme
/** Handlers of the public RPCs of contract `payments`: a read goes to the payment's entity, wherever it runs. */
export const PaymentsRpcHandlers = Effect.gen(function*() {
  const payments = yield* EntityClient.make(PaymentEntity)
  return PaymentsRpcs.of({
    /** Read one payment of the caller's tenant. */
    GetPayment: (payload) => EntityClient.forward(payments(Keys.payment(payload)).Get(payload))
  })
})
// #endregion
