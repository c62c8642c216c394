/**
 * Validates a contract's realtime channels and builds their IR: a PascalCase name, a key whose wire form is a
 * string, a payload schema, the auth mode and `allow`. Knows the DSL's runtime shapes (a JavaScript contract
 * skips its types); emits nothing. Tags unique across contracts are `Ir.link`'s question.
 */
import * as Schema from "effect/Schema"
import { Contract } from "effect-contracts"
import type { Ir } from "../ir/Ir.js"
import type { SchemaIr } from "../ir/SchemaIr.js"
import { SchemaRender } from "../print/SchemaRender.js"
import type { ValidateAuth } from "./Auth.js"
import { ValidateContext } from "./Context.js"

type _Ctx = ValidateContext
type _Rec = ValidateContext.Rec

const { decl: _decl, fail: _fail, schema: _schema } = ValidateContext

const _modes: ReadonlyArray<unknown> = ["required", "none"]
const _pascal = /^[A-Z][A-Za-z0-9]*$/

/** Whether every value of a wire form is a string. */
const _string = (n: SchemaIr.Node): boolean =>
  n._tag === "Keyword"
    ? n.keyword === "string"
    : n._tag === "Literal"
    ? typeof n.literal === "string"
    : n._tag === "Enums"
    ? n.enums.every(([, v]) => typeof v === "string")
    : n._tag === "Union"
    ? n.members.length > 0 && n.members.every(_string)
    : n._tag === "Brand" || n._tag === "Refinement"
    ? _string(n.from)
    : n._tag === "Suspend"
    ? _string(n.body)
    : n._tag === "TemplateLiteral"

/** Whether a wire form is `string` itself (filters aside), not only some strings: what a stream's address is. */
const _anyString = (n: SchemaIr.Node): boolean =>
  n._tag === "Keyword"
    ? n.keyword === "string"
    : n._tag === "Union"
    ? n.members.some(_anyString) && n.members.every(_string)
    : n._tag === "Brand" || n._tag === "Refinement"
    ? _anyString(n.from)
    : n._tag === "Suspend" && _anyString(n.body)

/** The channel's key: a Schema (never a fields object) whose encoded side is a string. */
const _key = (ctx: _Ctx, key: string, name: string, u: unknown): SchemaIr => {
  const isSchema = Contract.isSchema(u)
  isSchema || _fail(
    ctx,
    key,
    `channel ${name}: its key is not an Effect Schema`,
    "the key addresses the stream (a user, a tenant, an order): pass a Schema encoded as a string, e.g. `key: TenantId`"
  )
  const ir = _schema(ctx, key, `${name}.key`, isSchema ? u : Schema.String)
  isSchema && !_anyString(ir.encoded) && _fail(
    ctx,
    key,
    `channel ${name}: its key's wire form is \`${SchemaRender.render(ir.encoded)}\`, not \`string\``,
    "use a Schema encoded as a string: `Schema.String` or a brand of it, `Schema.NumberFromString`, or for literal keys " +
      "`Schema.compose(Schema.String, Schema.Literal(\"a\", \"b\"), { strict: false })`"
  )
  return ir
}

/** The channel's mode and whether it declares `allow`; a mode or `allow` the contract cannot honour is reported. */
const _auth = (ctx: _Ctx, key: string, name: string, ch: _Rec, section: ValidateAuth.Section | undefined) => {
  const declared = ch["auth"]
  const allow = ch["allow"]
  declared === undefined || _modes.includes(declared) ||
    _fail(ctx, key, `channel ${name} has auth ${JSON.stringify(declared)}`, "use `\"required\"` or `\"none\"`")
  section === undefined && declared !== undefined && _fail(
    ctx,
    key,
    `channel ${name} declares auth ${JSON.stringify(declared)} but the contract has no \`auth\` section`,
    "declare who may subscribe: `auth: { principal: Schema.Struct({ ... }) }` beside `channels`, or drop `auth` here"
  )
  const mode = section === undefined ? "none" : declared === "none" || (declared === undefined && section.default === "none") ? "none" : "required"
  allow === undefined || typeof allow === "function" ||
    _fail(ctx, key, `channel ${name}: allow is not a function`, "write `allow: (key, principal) => principal.tenantId === key`")
  section !== undefined && mode === "required" && typeof allow !== "function" && _fail(
    ctx,
    key,
    `channel ${name} needs a verified principal but has no \`allow\``,
    "say who may subscribe to which key: `allow: (key, principal) => principal.tenantId === key` (or make the channel `auth: \"none\"`)"
  )
  section === undefined && allow !== undefined && _fail(
    ctx,
    key,
    `channel ${name} declares \`allow\` but the contract has no \`auth\` section`,
    "`allow` decides by the subscriber's principal: declare `auth: { principal: ... }` beside `channels`, or drop `allow`"
  )
  section !== undefined && mode === "none" && allow !== undefined && _fail(
    ctx,
    key,
    `channel ${name} is open to anyone (auth "none"), so its \`allow\` would never run`,
    "drop `allow`, or make the channel `auth: \"required\"` so subscribers need a principal"
  )
  return { auth: mode, allow: typeof allow === "function" } as const
}

const channel = (ctx: _Ctx, name: string, ch: _Rec, section: ValidateAuth.Section | undefined): Ir.Channel => {
  const key = `channels.${name}`
  _pascal.test(name) ||
    _fail(ctx, key, `channel name "${name}" is not PascalCase`, "name a channel like a type, e.g. `OrderUpdates` (letters and digits, a capital first)")
  return {
    ..._decl(ctx, key, name),
    key: _key(ctx, key, name, ch["key"]),
    payload: _schema(ctx, key, `${name}.payload`, ch["payload"]),
    ..._auth(ctx, key, name, ch, section)
  }
}

export const ValidateChannels = { channel } as const
