// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import { Auth } from "effect-contracts/Auth"
import * as Effect from "effect/Effect"
import { DemoTokens } from "../../app/DemoTokens.js"
import { OrdersAuth } from "../../generated/orders/Auth.js"

/**
 * The verifier of contract `orders`: a bearer token to the principal it proves, or `Unauthorized`. It runs on
 * every call of its public RPCs. The example accepts the demo's HMAC-signed tokens (`DemoTokens`, a demo with
 * a public default key, no expiry): a real app checks its identity provider's tokens here.
 */
export const OrdersVerifier = Effect.gen(function*() {
  const key = yield* DemoTokens.key
  return Auth.verifier(OrdersAuth, (token) => DemoTokens.verify(key, token))
})
