// Handler stub created by effect-contracts from test/golden/auth/contracts/catalog.contract.ts. Yours to edit: codegen never overwrites it.
import { Auth } from "effect-contracts/Auth"
import { EdgeError } from "effect-contracts/EdgeError"
import * as Effect from "effect/Effect"
import { CatalogAuth } from "../../generated/catalog/Auth.js"

/**
 * The verifier of contract `catalog`: a bearer token to the principal it proves, or `Unauthorized`.
 * It runs on every call of `Review`: check the token's signature and expiry here.
 * Yield the services it needs (keys, a user store) here, then use them below. Until it is implemented,
 * every call that needs a principal fails with `Unauthorized`.
 *
 * principal: `{ tenantId: string & Brand<"TenantId">; userId: string (a string at least 1 character(s) long) }`
 * principal (wire): `{ tenantId: string; userId: string }`
 */
export const CatalogVerifier = Effect.gen(function*() {
  return Auth.verifier(CatalogAuth, (_token) =>
    Effect.fail(new EdgeError.Unauthorized({ message: "not implemented: catalog verifier (edit test/golden/auth/handlers/catalog/Auth.ts)" })))
})
