/**
 * Authentication in the contract DSL: a contract's `auth` section (the principal a verified caller is, and
 * whether its public RPCs need one unless they say otherwise) and each public RPC's `auth` mode. Types and
 * constants only; the edge enforces them (`effect-contracts/Auth`). Isomorphic: imports only `effect`.
 */
import type * as Schema from "effect/Schema"

/** `"required"`: the RPC runs only for a verified principal; `"none"`: anyone may call it. */
const modes = ["required", "none"] as const

/** The mode of a public RPC in a contract with `auth`: its own, else the section's `default`, else `"required"`. */
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
   * What `Contract.make` requires beside its definition: without an `auth` section no RPC may declare an
   * `auth` mode (there is no principal to require).
   */
  type Checked<D> = D extends { readonly auth: Section } ? unknown
    : { readonly rpcs?: Readonly<Record<string, { readonly auth: undefined }>> }
}
