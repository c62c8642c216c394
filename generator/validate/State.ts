/**
 * Validate an entity's durable state: `state` is a Schema, `initial` is a value it encodes (the runtime stores the
 * encoded form), neither comes without the other, and no message is named like the state's compat slot. Builds
 * the state's IR; emits nothing.
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { Ir } from "../ir/Ir.js"
import { SchemaIr } from "../ir/SchemaIr.js"
import { ValidateContext } from "./Context.js"

type _Ctx = ValidateContext

/** The first line of a parse error, for a one-line message. */
const _issue = (e: ParseResult.ParseError): string => ParseResult.TreeFormatter.formatErrorSync(e).split("\n").slice(0, 3).join(" ")

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
  isSchema && messages.includes("state") &&
    ValidateContext.fail(ctx, `${key}.rpcs.state`, `entity ${name} has a message named "state" beside its state`, "rename the message: `codegen compat` records the state as `<contract>.entities.<Entity>.state`")
  return isSchema ? { ...ValidateContext.decl(ctx, at, "state"), schema: SchemaIr.fromAst((state as Schema.Schema.AnyNoContext).ast) } : undefined
}

export const ValidateState = { entity } as const
