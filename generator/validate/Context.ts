/**
 * What every validator shares: the run's error list, reporting a problem at a declaration's line, and
 * reading names, sections and schemas out of a loaded contract value. Builds IR pieces; emits nothing.
 */
import * as Schema from "effect/Schema"
import { ContractError } from "../ContractError.js"
import { Discover } from "../discover/Discover.js"
import type { Ir } from "../ir/Ir.js"
import { SchemaIr } from "../ir/SchemaIr.js"

const _ident = /^[A-Za-z][A-Za-z0-9_]*$/

const isRecord = (u: unknown): u is ValidateContext.Rec => typeof u === "object" && u !== null
const tagOf = (u: unknown): unknown => isRecord(u) ? u["_tag"] : undefined
const _isField = (u: unknown): boolean => Schema.isSchema(u) || Schema.isPropertySignature(u)

/** Report a problem at the line of the declaration keyed `key` (`section.Name`, see `Discover`). */
const fail = (ctx: ValidateContext, key: string, message: string, hint: string): void => {
  ctx.errors.push(new ContractError({ file: ctx.found.file, line: Discover.position(ctx.found, key).line, message, hint }))
}

/** A declaration's name, doc comment and line; an invalid name is reported. */
const decl = (ctx: ValidateContext, key: string, name: string): Ir.Decl => {
  const p = Discover.position(ctx.found, key)
  _ident.test(name) || fail(ctx, key, `"${name}" is not a valid name`, "use an identifier such as `OrderPlaced` (letters, digits, _)")
  return { name, doc: p.doc, line: p.line }
}

/** The canonical form of a schema slot; a value that is neither a Schema nor a fields object is reported. */
const schema = (ctx: ValidateContext, key: string, what: string, u: unknown): SchemaIr => {
  const fields = isRecord(u) && !Schema.isSchema(u) && Object.values(u).every(_isField)
  const s = Schema.isSchema(u) ? u : fields ? Schema.Struct(u as Schema.Struct.Fields) : undefined
  s === undefined && fail(ctx, key, `${what} is not an Effect Schema`, "pass a Schema (e.g. `Schema.Struct({ ... })`) or a fields object")
  return SchemaIr.fromAst((s ?? Schema.Unknown).ast)
}

/** The declarations of one section made with `make` (tagged `tag`); others are reported. */
const section = (ctx: ValidateContext, value: ValidateContext.Rec, name: string, tag: string, make: string) => {
  const entries = isRecord(value[name]) ? Object.entries(value[name] as ValidateContext.Rec) : []
  return entries.filter(([n, d]) => {
    const ok = tagOf(d) === tag
    ok || fail(ctx, `${name}.${n}`, `${name}.${n} is not made with ${make}`, `declare it as \`${n}: ${make}({ ... })\``)
    return ok
  }) as ReadonlyArray<[string, ValidateContext.Rec]>
}

/** One contract's validation: where it was found and every problem seen so far. */
export interface ValidateContext {
  readonly found: Discover.Result
  readonly errors: Array<ContractError>
}

export const ValidateContext = { isRecord, tagOf, fail, decl, schema, section } as const

export declare namespace ValidateContext {
  type Rec = Readonly<Record<string, unknown>>
}
