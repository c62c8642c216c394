// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import { Auth } from "effect-contracts/Auth"
import * as Effect from "effect/Effect"
import { DemoTokens } from "../../app/DemoTokens.js"
import { PaymentsAuth } from "../../generated/payments/Auth.js"

/**
 * The verifier of contract `payments`: a bearer token to the principal it proves, or `Unauthorized`. It runs
 * on every call of `GetPayment`. The example accepts the same demo tokens as `orders` (`DemoTokens`): a real
 * app checks its identity provider's tokens here.
 */
export const PaymentsVerifier = Effect.gen(function*() {
  const key = yield* DemoTokens.key
  return Auth.verifier(PaymentsAuth, (token) => DemoTokens.verify(key, token))
})
