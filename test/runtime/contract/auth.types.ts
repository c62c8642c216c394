/**
 * Type-level tests of authentication in the contract DSL, compiled by `tsc -p .` (never run): each
 * `@ts-expect-error` proves a mistake is a compile error; the rest must compile and infer the types shown.
 */
import { Contract } from "effect-contracts"
import * as Context from "effect/Context"
import * as Schema from "effect/Schema"

type _Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const _assert = <T extends true>(): T => true as T

const Principal = Schema.Struct({ tenantId: Schema.String, userId: Schema.String })
const Key = Schema.Struct({ tenantId: Schema.String, id: Schema.String })

class Needs extends Context.Tag("Needs")<Needs, string>() {}
/** A schema whose decoding needs a service: a principal cannot be one. */
const WithContext = Schema.String as unknown as Schema.Schema<string, string, Needs>

/** Mistakes the DSL must reject at compile time. */
export const rejected = {
  // @ts-expect-error an RPC's auth mode is "required" or "none"
  badMode: Contract.rpc({ payload: Key, auth: "maybe" }),
  // @ts-expect-error an entity message has no auth mode: only public RPCs are called from outside the cluster
  entityAuth: Contract.entity({ rpcs: { Get: Contract.rpc({ payload: Key, auth: "none" }) } }),
  // @ts-expect-error an RPC may declare an auth mode only in a contract with an `auth` section
  modeWithoutSection: Contract.make("bad", { rpcs: { Get: Contract.rpc({ payload: Key, auth: "none" }) } }),
  // @ts-expect-error the principal is a Schema, not a fields object
  fieldsPrincipal: Contract.make("bad", { auth: { principal: { userId: Schema.String } } }),
  // @ts-expect-error the principal's schema needs no services
  contextPrincipal: Contract.make("bad", { auth: { principal: WithContext } }),
  // @ts-expect-error a contract's default mode is "required" or "none"
  badDefault: Contract.make("bad", { auth: { principal: Principal, default: "anonymous" } }),
  // @ts-expect-error `auth` holds a principal
  noPrincipal: Contract.make("bad", { auth: { default: "none" } })
}

/** A contract whose RPCs need a principal unless they say otherwise. */
export const vault = Contract.make("vault", {
  auth: { principal: Principal },
  rpcs: {
    Get: Contract.rpc({ payload: Key, success: Schema.String }),
    Ping: Contract.rpc({ success: Schema.String, auth: "none" }),
    Put: Contract.rpc({ payload: Key, auth: "required" })
  },
  entities: { Box: Contract.entity({ rpcs: { Read: Contract.rpc({ payload: Key }) } }) }
})

/** A contract whose RPCs are anonymous unless they say otherwise. */
export const shop = Contract.make("shop", {
  auth: { principal: Principal, default: "none" },
  rpcs: { Browse: Contract.rpc({ success: Schema.String }), Buy: Contract.rpc({ payload: Key, auth: "required" }) }
})

export const inferred = [
  _assert<_Equals<typeof vault.auth.principal.Type, { readonly tenantId: string; readonly userId: string }>>(),
  _assert<_Equals<typeof vault.rpcs.Get.auth, undefined>>(),
  _assert<_Equals<typeof vault.rpcs.Ping.auth, "none">>(),
  _assert<_Equals<typeof vault.rpcs.Put.auth, "required">>(),
  _assert<_Equals<typeof shop.auth.default, "none">>(),
  _assert<_Equals<Contract.AuthMode, "required" | "none">>()
] as const
