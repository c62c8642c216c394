// Handler stub created by effect-contracts from test/golden/channels/contracts/feeds.contract.ts. Yours to edit: codegen never overwrites it.
import { Auth } from "effect-contracts/Auth"
import { EdgeError } from "effect-contracts/EdgeError"
import * as Effect from "effect/Effect"
import { FeedsAuth } from "../../generated/feeds/Auth.js"

/**
 * The verifier of contract `feeds`: a bearer token to the principal it proves, or `Unauthorized`.
 * It runs on every call of channel `Feed0`, channel `Feed2`, channel `Feed4`, channel `Feed6`, channel `Feed8`, channel `Feed10`: check the token's signature and expiry here.
 * Yield the services it needs (keys, a user store) here, then use them below. Until it is implemented,
 * every call that needs a principal fails with `Unauthorized`.
 *
 * principal: `{ tenantId: string & Brand<"TenantId">; userId: string }`
 * principal (wire): `{ tenantId: string; userId: string }`
 */
export const FeedsVerifier = Effect.gen(function*() {
  return Auth.verifier(FeedsAuth, (_token) =>
    Effect.fail(new EdgeError.Unauthorized({ message: "not implemented: feeds verifier (edit test/golden/channels/handlers/feeds/Auth.ts)" })))
})
