// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { EdgeError } from "effect-contracts/EdgeError"
import { EntityClient } from "effect-contracts/EntityClient"
import { Keys } from "../../app/Keys.js"
import { PaymentEntity } from "../../generated/payments/entities/Payment.js"
import { CurrentPaymentsPrincipal } from "../../generated/payments/Principal.js"
import { PaymentsRpcs } from "../../generated/payments/Rpcs.js"

// #region readme
/** Only the caller's own tenant: another tenant's payment is `Forbidden`, whatever the payload asks for. */
const _own = (payload: { readonly tenantId: string }) =>
  Effect.flatMap(CurrentPaymentsPrincipal, (caller) =>
    caller.tenantId === payload.tenantId
      ? Effect.void
      : Effect.fail(new EdgeError.Forbidden({ message: `${caller.userId} of ${caller.tenantId} may not read payments of ${payload.tenantId}` })))

/**
 * Handlers of the public RPCs of contract `payments`: a read goes to the payment's entity, wherever it runs,
 * and only for the caller's own tenant (another tenant's payment is `Forbidden` before any entity is asked).
 */
export const PaymentsRpcHandlers = Effect.gen(function*() {
  const payments = yield* EntityClient.make(PaymentEntity)
  return PaymentsRpcs.of({
    /** Read one payment of the caller's tenant. */
    GetPayment: (payload) => Effect.zipRight(_own(payload), EntityClient.forward(payments(Keys.payment(payload)).Get(payload)))
  })
})
// #endregion
