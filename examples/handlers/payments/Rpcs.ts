// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import PaymentsContract from "../../../contracts/payments.contract.js"
import { Keys } from "../../app/Keys.js"
import { Store } from "../../app/Store.js"
import { PaymentsRpcs } from "../../generated/payments/Rpcs.js"

const _PaymentNotFound = PaymentsContract.rpcs.GetPayment.error

// #region readme
/** Handlers of the public RPCs of contract `payments`: reads from the store's payment projection. */
export const PaymentsRpcHandlers = Effect.gen(function*() {
  const store = yield* Store
  return PaymentsRpcs.of({
    /** Read one payment of the caller's tenant. */
    GetPayment: (payload) =>
      store.payments.get(Keys.payment(payload)).pipe(Effect.flatMap(Option.match({
        onNone: () => Effect.fail(new _PaymentNotFound(payload)),
        onSome: Effect.succeed
      })))
  })
})
// #endregion
