/**
 * Authentication declared in a contract, shown in docs/contracts.md and docs/security.md: the `auth`
 * section, a verifier, a handler reading the principal, a client sending its token. Compiled, never run.
 */
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { Auth } from "effect-contracts/Auth"
import { EdgeError } from "effect-contracts/EdgeError"
import { OrdersAuth } from "../../examples/generated/orders/Auth.js"
import { OrdersClient } from "../../examples/generated/orders/Client.js"
import { CurrentOrdersPrincipal } from "../../examples/generated/orders/Principal.js"
// #region contract
import { Contract } from "effect-contracts"

const TenantId = Schema.String.pipe(Schema.brand("TenantId"))

export const vault = Contract.make("vault", {
  /** Who calls: `principal` is what the app's verifier proves from a bearer token. */
  auth: { principal: Schema.Struct({ tenantId: TenantId, userId: Schema.String }) },
  rpcs: {
    /** Needs a verified principal: the contract's default (`auth.default`, "required" unless set). */
    ReadSecret: Contract.rpc({ payload: { tenantId: TenantId }, success: Schema.String }),
    /** Anyone may call it. */
    Status: Contract.rpc({ success: Schema.String, auth: "none" })
  }
})
// #endregion

declare const checkSignature: (token: string) => Effect.Effect<{ readonly tenant: string; readonly user: string }, EdgeError.Unauthorized>
declare const Principal: Schema.Schema<typeof CurrentOrdersPrincipal.Service, { readonly tenantId: string; readonly userId: string }>

// #region verifier
/** handlers/orders/Auth.ts: a bearer token to the principal it proves, or `Unauthorized`. */
export const OrdersVerifier = Effect.gen(function*() {
  return Auth.verifier(OrdersAuth, (token) =>
    checkSignature(token).pipe(
      Effect.flatMap((claims) => Schema.decode(Principal)({ tenantId: claims.tenant, userId: claims.user })),
      Effect.mapError(() => new EdgeError.Unauthorized({ message: "invalid token" }))
    ))
})
// #endregion

// #region handler
/** In a handler: the caller, verified; another tenant's data is `Forbidden`. */
export const own = (tenantId: string) =>
  Effect.flatMap(CurrentOrdersPrincipal, (caller) =>
    caller.tenantId === tenantId ? Effect.void : Effect.fail(new EdgeError.Forbidden({ message: "another tenant's order" })))
// #endregion

// #region client
/** A browser keeps its token where it likes; each call reads it, so a refreshed token is used at once. */
export const client = Effect.map(Ref.make<string | undefined>(undefined), (token) => ({
  signIn: (t: string) => Ref.set(token, t),
  layer: OrdersClient.bearer(Ref.get(token))
}))
// #endregion
