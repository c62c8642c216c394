/**
 * Realtime channels in the contract DSL: a stream of payloads addressed by a key (a user, a tenant, an order),
 * published in a handler's transaction and followed live by subscribers; `allow` says who may follow which key.
 * Internal: `Contract` (Contract.ts) is the public surface. Isomorphic: imports only `effect`.
 */
import type * as Schema from "effect/Schema"
import type { Auth } from "./Auth.js"
import { Messaging } from "./Messaging.js"

/** A key schema: a Schema whose wire form is a string (`Schema.String`, a brand of it, `NumberFromString`, …). */
type _Key = Schema.Schema.AnyNoContext & { readonly Encoded: string }
/** A key whose wire form is every string, not only some (`Schema.Literal("a")` is not: compose it with `Schema.String`). */
type _AnyString<K extends _Key> = string extends K["Encoded"] ? unknown : { readonly "the key's wire form must be string": never }
type _Allow<K extends _Key, Pr> = (key: K["Type"], principal: Pr) => boolean

interface _Make {
  /**
   * A channel whose subscribers need a verified principal: `allow(key, principal)` decides who may follow which
   * key. Annotate the principal with the contract's principal type (or a part of it): `(key, p: Principal) => …`.
   */
  <K extends _Key, P extends Messaging.Payload, A extends Auth.Mode | undefined = undefined, Pr = unknown>(options: {
    readonly key: K & _AnyString<K>
    readonly payload: P
    readonly auth?: A
    readonly allow: _Allow<K, Pr>
  }): Channel<NoInfer<K>, NoInfer<Messaging.AsSchema<P>>, NoInfer<A>, NoInfer<_Allow<K, Pr>>>
  /** A channel anyone may follow: in a contract without `auth`, or one that says `auth: "none"`. */
  <K extends _Key, P extends Messaging.Payload, A extends Auth.Mode | undefined = undefined>(options: {
    readonly key: K & _AnyString<K>
    readonly payload: P
    readonly auth?: A
    readonly allow?: undefined
  }): Channel<NoInfer<K>, NoInfer<Messaging.AsSchema<P>>, NoInfer<A>, undefined>
}

const make: _Make = (options: {
  readonly key: _Key
  readonly payload: Messaging.Payload
  readonly auth?: Auth.Mode | undefined
  readonly allow?: ((key: never, principal: never) => boolean) | undefined
}) => ({
  _tag: "Channel" as const,
  key: options.key,
  payload: Messaging.asSchema(options.payload),
  auth: options.auth,
  allow: options.allow
}) as never

/** `Contract.channel`: a keyed stream of payloads that handlers publish and subscribers follow. */
export const Channel = { make } as const

/**
 * A declared channel: its key schema `K`, payload schema `P`, auth mode `A` as declared (`undefined`: the
 * contract's default) and `allow` function `L` (`undefined` when anyone may subscribe).
 */
export interface Channel<
  K extends Schema.Schema.AnyNoContext,
  P extends Schema.Schema.AnyNoContext,
  A extends Auth.Mode | undefined,
  L extends ((key: never, principal: never) => boolean) | undefined
> {
  readonly _tag: "Channel"
  readonly key: K
  readonly payload: P
  readonly auth: A
  readonly allow: L
}

export declare namespace Channel {
  type Key = _Key
  interface Any {
    readonly _tag: "Channel"
    readonly key: Schema.Schema.AnyNoContext
    readonly payload: Schema.Schema.AnyNoContext
    readonly auth: Auth.Mode | undefined
    readonly allow: ((key: never, principal: never) => boolean) | undefined
  }
}
