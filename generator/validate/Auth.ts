/**
 * Validate a contract's `auth` section and each RPC's `auth` mode, and decide which public RPCs need a
 * principal (channels: `ValidateChannels`). Knows the DSL's runtime shapes (a JavaScript contract skips its
 * types); emits nothing.
 */
import { Contract } from "effect-contracts"
import type { Ir } from "../ir/Ir.js"
import { ValidateContext } from "./Context.js"

type _Ctx = ValidateContext
type _Rec = ValidateContext.Rec

const _modes: ReadonlyArray<unknown> = ["required", "none"]
const _shown = "`\"required\"` or `\"none\"`"

/** The `auth` section as declared: its IR, and the mode of RPCs that declare none. */
interface _Section {
  readonly ir: Ir.Auth
  readonly default: "required" | "none"
}

/** The contract's `auth` section, when it has one; a malformed one is reported. */
const section = (ctx: _Ctx, c: _Rec): _Section | undefined => {
  const a = c["auth"]
  const rec = ValidateContext.isRecord(a) ? a : {}
  a !== undefined && !ValidateContext.isRecord(a) &&
    ValidateContext.fail(ctx, "auth", "`auth` is not an object", "declare `auth: { principal: Schema.Struct({ ... }) }`")
  const principal = rec["principal"]
  a !== undefined && !Contract.isSchema(principal) && ValidateContext.fail(
    ctx,
    "auth.principal",
    "auth.principal is not an Effect Schema",
    "declare who a verified caller is as a Schema, e.g. `principal: Schema.Struct({ tenantId, userId })`"
  )
  const used = ["rpcs", "channels"].some((k) => ValidateContext.isRecord(c[k]) && Object.keys(c[k]).length > 0)
  a !== undefined && !used && ValidateContext.fail(
    ctx,
    "auth",
    "`auth` is declared but the contract has no public RPCs or channels",
    "add RPCs to `rpcs` or channels to `channels`, or drop `auth`"
  )
  const mode = rec["default"] ?? "required"
  _modes.includes(mode) ||
    ValidateContext.fail(ctx, "auth.default", `auth.default is ${JSON.stringify(mode)}`, `use ${_shown} (the default is "required")`)
  return a === undefined ? undefined : {
    ir: { principal: ValidateContext.schema(ctx, "auth.principal", "auth.principal", principal), line: ValidateContext.decl(ctx, "auth", "auth").line },
    default: mode === "none" ? "none" : "required"
  }
}

/**
 * Whether the RPC keyed `key` needs a principal. An entity message (`inEntity`) has no mode; a public RPC may
 * declare one only in a contract with an `auth` section.
 */
const rpc = (ctx: _Ctx, key: string, name: string, r: _Rec, inEntity: boolean, s: _Section | undefined): boolean => {
  const declared = r["auth"]
  declared === undefined || _modes.includes(declared) ||
    ValidateContext.fail(ctx, key, `RPC ${name} has auth ${JSON.stringify(declared)}`, `use ${_shown}`)
  inEntity && declared !== undefined && ValidateContext.fail(
    ctx,
    key,
    `entity message ${name} declares auth`,
    "only public RPCs (the `rpcs` section) are called from outside the cluster: drop `auth` here"
  )
  !inEntity && declared !== undefined && s === undefined && ValidateContext.fail(
    ctx,
    key,
    `RPC ${name} declares auth ${JSON.stringify(declared)} but the contract has no \`auth\` section`,
    "declare who may call: `auth: { principal: Schema.Struct({ ... }) }` beside `rpcs`, or drop `auth` here"
  )
  return !inEntity && s !== undefined && (declared ?? s.default) === "required"
}

export const ValidateAuth = { section, rpc } as const

export declare namespace ValidateAuth {
  type Section = _Section
}
