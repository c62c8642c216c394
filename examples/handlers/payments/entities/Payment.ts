// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { PaymentEntity } from "../../../generated/payments/entities/Payment.js"

/** Handlers of entity `Payment`. Yield the services they need here, then use them below. */
export const PaymentHandlers = Effect.gen(function*() {
  return PaymentEntity.of({
    /** Reserve the order total on the customer's payment method. */
    Authorize: (request) => Effect.dieMessage("not implemented: payments/Payment.Authorize (edit examples/handlers/payments/entities/Payment.ts)"),
    /** Capture all or part of the authorized amount. */
    Capture: (request) => Effect.dieMessage("not implemented: payments/Payment.Capture (edit examples/handlers/payments/entities/Payment.ts)"),
    /** Return captured funds; each refund id is applied at most once. */
    Refund: (request) => Effect.dieMessage("not implemented: payments/Payment.Refund (edit examples/handlers/payments/entities/Payment.ts)")
  })
})
