// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import { Auth } from "effect-contracts/Auth"
import * as Effect from "effect/Effect"
import { DemoTokens } from "../../app/DemoTokens.js"
import { NotificationsAuth } from "../../generated/notifications/Auth.js"

/**
 * The verifier of contract `notifications`: a bearer token to the principal it proves, or `Unauthorized`. It runs
 * on every subscription to channel `InboxUpdates` (its RPCs are open). The example accepts the demo's signed tokens
 * (`DemoTokens`, as `OrdersVerifier` does): a real app checks its identity provider's tokens here.
 */
export const NotificationsVerifier = Effect.gen(function*() {
  const key = yield* DemoTokens.key
  return Auth.verifier(NotificationsAuth, (token) => DemoTokens.verify(key, token))
})
