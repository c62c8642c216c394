// Handler stub created by effect-contracts from test/golden/auth/contracts/notes.contract.ts. Yours to edit: codegen never overwrites it.
import { Auth } from "effect-contracts/Auth"
import { EdgeError } from "effect-contracts/EdgeError"
import * as Effect from "effect/Effect"
import { NotesAuth } from "../../generated/notes/Auth.js"

/**
 * The verifier of contract `notes`: a bearer token to the principal it proves, or `Unauthorized`.
 * It runs on every call of `GetNote`, `WhoAmI`, `WatchNotes`: check the token's signature and expiry here.
 * Yield the services it needs (keys, a user store) here, then use them below. Until it is implemented,
 * every call that needs a principal fails with `Unauthorized`.
 *
 * principal: `{ tenantId: string & Brand<"TenantId">; userId: string (a string at least 1 character(s) long) }`
 * principal (wire): `{ tenantId: string; userId: string }`
 */
export const NotesVerifier = Effect.gen(function*() {
  return Auth.verifier(NotesAuth, (_token) =>
    Effect.fail(new EdgeError.Unauthorized({ message: "not implemented: notes verifier (edit test/golden/auth/handlers/notes/Auth.ts)" })))
})
