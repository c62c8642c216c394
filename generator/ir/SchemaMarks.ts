/**
 * What decoding checks on the encoded side of a schema, for `SchemaIr`: filters as comparable data,
 * fallible transformations by name, declared field renames. Reads AST annotations; walks nothing.
 */
import * as AST from "effect/SchemaAST"
import * as Option from "effect/Option"
import type { SchemaNode } from "./SchemaNode.js"

type _Field = Extract<SchemaNode.Node, { _tag: "Struct" }>["fields"][number]

/** The annotation naming a field's former name: `{ [Symbol.for("effect-contracts/renamedFrom")]: "old" }`. */
const renamedFrom = Symbol.for("effect-contracts/renamedFrom")

const _text = (u: unknown): string | undefined => typeof u === "string" ? u : typeof u === "symbol" ? u.description : undefined
const _key = (k: PropertyKey): string => typeof k === "symbol" ? k.toString() : String(k)

/** FNV-1a: a short, stable fingerprint for transformations that carry no identifier. */
const _hash = (s: string): string => {
  const h = [...s].reduce((acc, ch) => Math.imul(acc ^ ch.charCodeAt(0), 16777619) >>> 0, 2166136261)
  return h.toString(16).padStart(8, "0")
}

/** A refinement as data: its JSON Schema annotation makes it comparable; otherwise only its name is known. */
const _check = (ast: AST.Refinement, onType: boolean): SchemaNode.Check => {
  const a = ast.annotations
  const schemaId = _text(a[AST.SchemaIdAnnotationId])?.replace(/^effect\/SchemaId\//, "")
  const id = _text(a[AST.IdentifierAnnotationId]) ?? _text(a[AST.TitleAnnotationId]) ?? schemaId ??
    _text(a[AST.DescriptionAnnotationId]) ?? "filter"
  const json = a[AST.JSONSchemaAnnotationId]
  return {
    id,
    ...(typeof json === "object" && json !== null ? { json: json as Readonly<Record<string, unknown>> } : {}),
    ...(onType ? { onType: true as const } : {})
  }
}

/** `node` with the refinement `ast` recorded; `onType` when it checks a decoded value, not the wire value. */
const checked = (node: SchemaNode.Node, ast: AST.Refinement, onType: boolean): SchemaNode.Node => ({
  ...node,
  checks: [...(node.checks ?? []), _check(ast, onType)]
})

/** What a transformation does when decoding: `undefined` when it cannot fail (classes, property renames, defaults). */
const _decoder = (ast: AST.Transformation, to: SchemaNode.Node): string | undefined => {
  const total = ast.transformation._tag === "TypeLiteralTransformation" || Option.isSome(AST.getSurrogateAnnotation(ast.to))
  return total
    ? undefined
    : Option.getOrUndefined(AST.getIdentifierAnnotation(ast)) ?? _text(ast.annotations[AST.SchemaIdAnnotationId]) ??
      `transform:${_hash(JSON.stringify(to))}`
}

/** The declared former name of a property signature, on the signature or on its schema. */
const renamed = (p: { readonly annotations: AST.Annotations; readonly type: AST.AST }): string | undefined =>
  _text(p.annotations[renamedFrom]) ?? _text(p.type.annotations[renamedFrom])

/**
 * The encoded side of a transformation: its `from` side plus the decoder it runs, and the renames declared
 * on the type side of a struct transformation copied to wire keys it leaves unchanged.
 */
const transformed = (ast: AST.Transformation, type: SchemaNode.Node, from: SchemaNode.Node): SchemaNode.Node => {
  const decoder = _decoder(ast, type)
  const encoded = decoder === undefined ? from : { ...from, decode: [...(from.decode ?? []), decoder] }
  const moved = new Set(ast.transformation._tag === "TypeLiteralTransformation"
    ? ast.transformation.propertySignatureTransformations.filter((t) => t.from !== t.to).map((t) => _key(t.to))
    : [])
  const renames = new Map(
    type._tag === "Struct" ? type.fields.flatMap((f) => f.renamedFrom === undefined || moved.has(f.name) ? [] : [[f.name, f.renamedFrom] as const]) : []
  )
  return encoded._tag !== "Struct" || renames.size === 0 ? encoded : {
    ...encoded,
    fields: encoded.fields.map((f): _Field => renames.has(f.name) ? { ...f, renamedFrom: renames.get(f.name)! } : f)
  }
}

export const SchemaMarks = { renamedFrom, checked, renamed, transformed } as const
