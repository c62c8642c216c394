/**
 * Authentication in the contract DSL: a contract's `auth` section (the principal a verified caller is, and
 * whether its public RPCs and channels need one unless they say otherwise), each public RPC's and channel's
 * `auth` mode, and a channel's `allow`. Types and constants only; the edge enforces them (`effect-contracts/Auth`).
 * Isomorphic: imports only `effect`.
 */
import type * as Schema from "effect/Schema"

/** `"required"`: the RPC runs only for a verified principal; `"none"`: anyone may call it. */
const modes = ["required", "none"] as const

/** The mode of a public RPC or channel in a contract with `auth`: its own, else the section's `default`, else `"required"`. */
const mode = (section: { readonly default?: Auth.Mode | undefined }, rpc: Auth.Mode | undefined): Auth.Mode =>
  rpc ?? section.default ?? "required"

/** Auth in the DSL: the modes an RPC may declare, and how an RPC's mode follows from its contract's section. */
export const Auth = { modes, mode } as const

export declare namespace Auth {
  type Mode = typeof modes[number]
  /**
   * A contract's `auth` section: `principal` is the schema of who a verified caller is (the app's verifier
   * turns a bearer token into one); `default` is the mode of public RPCs that declare none (`"required"`).
   */
  interface Section<P extends Schema.Schema.AnyNoContext = Schema.Schema.AnyNoContext> {
    readonly principal: P
    readonly default?: Mode
  }
  /**
   * What `Contract.make` requires beside its definition: without an `auth` section no RPC or channel may declare
   * an `auth` mode, nor a channel an `allow` (there is no principal). With one, a channel whose mode is
   * `"required"` has an `allow` taking the contract's principal, and one whose mode is `"none"` has none.
   */
  type Checked<D> = D extends { readonly auth: infer S extends Section } ? _Channels<D, S>
    : {
      readonly rpcs?: Readonly<Record<string, { readonly auth: undefined }>>
      readonly channels?: Readonly<Record<string, { readonly auth: undefined; readonly allow: undefined }>>
    }
  /** A channel's mode: its own, else the section's default, else `"required"` (what `mode` computes). */
  type ModeOf<C, S> = C extends { readonly auth: infer A extends Mode } ? A
    : S extends { readonly default: infer M extends Mode } ? M
    : "required"
}

type _Principal<S> = S extends { readonly principal: infer P extends Schema.Schema.AnyNoContext } ? P["Type"] : never

/** Each channel's `allow`, by its mode: a function of the principal when `"required"`, absent when `"none"`. */
type _Channels<D, S> = D extends { readonly channels: infer C } ? {
    readonly channels?: {
      readonly [N in keyof C]: Auth.ModeOf<C[N], S> extends "required"
        ? { readonly allow: (key: never, principal: _Principal<S>) => boolean }
        : { readonly allow: undefined }
    }
  }
  : unknown
