/**
 * Validate an entity's durable state: `state` is a Schema, `initial` is a value it encodes (the runtime stores the
 * encoded form), neither comes without the other, and no message is named like the state's compat slot. Builds
 * the state's IR; emits nothing.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import type { Ir } from "../ir/Ir.js"
import { SchemaIr } from "../ir/SchemaIr.js"
import { ValidateContext } from "./Context.js"

type _Ctx = ValidateContext

/** The first three lines of a parse error, joined into a one-line message. */
const _issue = (e: ParseResult.ParseError): string => ParseResult.TreeFormatter.formatErrorSync(e).split("\n").slice(0, 3).join(" ")

/**
 * The first part of an encoded form that JSON cannot carry (a `Date`, a `bigint`, a `symbol`, a class instance:
 * what `*FromSelf` schemas encode to), with its path; none when the state's encoded side is plain JSON. The
 * runtime stores `JSON.stringify` of the encoded state, so such a state would be written but never read back.
 */
const _notJson = (ast: SchemaAST.AST, path: string, seen: Set<SchemaAST.AST>): Option.Option<string> => {
  const inner = (children: ReadonlyArray<readonly [SchemaAST.AST, string]>) =>
    children.reduce<Option.Option<string>>((found, [child, at]) => Option.orElse(found, () => _notJson(child, at, seen)), Option.none())
  const visit = (): Option.Option<string> => {
    switch (ast._tag) {
      case "Declaration":
      case "BigIntKeyword":
      case "SymbolKeyword":
      case "UniqueSymbol":
        return Option.some(`${path || "the state"} encodes to ${String(ast)}`)
      case "TypeLiteral":
        return inner([
          ...ast.propertySignatures.map((p) => [p.type, `${path}.${String(p.name)}`] as const),
          ...ast.indexSignatures.map((i) => [i.type, `${path}[key]`] as const)
        ])
      case "TupleType":
        return inner([...ast.elements.map((e, i) => [e.type, `${path}[${i}]`] as const), ...ast.rest.map((r) => [r.type, `${path}[]`] as const)])
      case "Union":
        return inner(ast.types.map((t) => [t, path] as const))
      case "Refinement":
        return inner([[ast.from, path]])
      case "Suspend":
        return inner([[ast.f(), path]])
      default:
        return Option.none()
    }
  }
  return seen.has(ast) ? Option.none() : (seen.add(ast), visit())
}

/** An entity's `state` and `initial` (`key` is `entities.<Name>`); undefined when it declares none. */
const entity = (ctx: _Ctx, key: string, name: string, e: ValidateContext.Rec, messages: ReadonlyArray<string>): Ir.EntityStateDecl | undefined => {
  const state = e["state"]
  const hasInitial = "initial" in e && e["initial"] !== undefined
  const at = `${key}.state`
  state === undefined && hasInitial &&
    ValidateContext.fail(ctx, `${key}.initial`, `entity ${name} has an initial value but no state`, "declare its schema too: `state: Schema.Struct({ ... }), initial: { ... }`")
  const isSchema = Schema.isSchema(state)
  state !== undefined && !isSchema &&
    ValidateContext.fail(ctx, at, `the state of entity ${name} is not an Effect Schema`, "pass a Schema, e.g. `state: Schema.Struct({ ... })` (a fields object is not enough here)")
  const encoded = isSchema && hasInitial ? Schema.encodeUnknownEither(state as Schema.Schema.AnyNoContext)(e["initial"]) : undefined
  isSchema && !hasInitial &&
    ValidateContext.fail(ctx, at, `entity ${name} declares a state but no initial value`, "add `initial`: the state of an instance before its first change")
  encoded !== undefined && Either.isLeft(encoded) && ValidateContext.fail(
    ctx,
    `${key}.initial`,
    `the initial value of entity ${name} does not encode with its state schema: ${_issue(encoded.left)}`,
    "the runtime stores the encoded state: give `initial` a value of the schema's type (e.g. `null` for `Schema.NullOr(...)`)"
  )
  const notJson = isSchema ? _notJson(SchemaAST.encodedAST((state as Schema.Schema.AnyNoContext).ast), "", new Set()) : Option.none()
  Option.isSome(notJson) && ValidateContext.fail(
    ctx,
    at,
    `the state of entity ${name} cannot be stored as JSON: ${notJson.value}`,
    "use a schema whose encoded side is JSON, e.g. `Schema.Date` / `Schema.DateTimeUtc` (ISO strings) instead of `Schema.DateFromSelf`, `Schema.BigInt` instead of `Schema.BigIntFromSelf`"
  )
  isSchema && messages.includes("state") &&
    ValidateContext.fail(ctx, `${key}.rpcs.state`, `entity ${name} has a message named "state" beside its state`, "rename the message: `codegen compat` records the state as `<contract>.entities.<Entity>.state`")
  return isSchema ? { ...ValidateContext.decl(ctx, at, "state"), schema: SchemaIr.fromAst((state as Schema.Schema.AnyNoContext).ast) } : undefined
}

export const ValidateState = { entity } as const
