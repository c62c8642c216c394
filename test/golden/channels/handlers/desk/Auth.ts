// Handler stub created by effect-contracts from test/golden/channels/contracts/desk.contract.ts. Yours to edit: codegen never overwrites it.
import { Auth } from "effect-contracts/Auth"
import { EdgeError } from "effect-contracts/EdgeError"
import * as Effect from "effect/Effect"
import { DeskAuth } from "../../generated/desk/Auth.js"

/**
 * The verifier of contract `desk`: a bearer token to the principal it proves, or `Unauthorized`.
 * It runs on every call of `CloseTicket`, channel `TicketUpdates`: check the token's signature and expiry here.
 * Yield the services it needs (keys, a user store) here, then use them below. Until it is implemented,
 * every call that needs a principal fails with `Unauthorized`.
 *
 * principal: `{ tenantId: string & Brand<"TenantId">; userId: string }`
 * principal (wire): `{ tenantId: string; userId: string }`
 */
export const DeskVerifier = Effect.gen(function*() {
  return Auth.verifier(DeskAuth, (_token) =>
    Effect.fail(new EdgeError.Unauthorized({ message: "not implemented: desk verifier (edit test/golden/channels/handlers/desk/Auth.ts)" })))
})
