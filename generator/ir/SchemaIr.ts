/**
 * The canonical form of a schema: its Effect Schema AST walked once, through an exhaustive table keyed
 * by AST `_tag`, into plain data for both sides (`encoded` is the wire, `type` what handlers see).
 * The encoded side also records what decoding checks there: filters, transformations, declared renames.
 */
import * as AST from "effect/SchemaAST"
import * as Option from "effect/Option"
import { SchemaMarks } from "./SchemaMarks.js"
import type { SchemaNode } from "./SchemaNode.js"

/** `transformed`: a transformation sits somewhere below, so decoding changes the value. */
type _Sides = { readonly type: SchemaIr.Node; readonly encoded: SchemaIr.Node; readonly transformed: boolean }
type _Ctx = { readonly active: Set<AST.AST> }
type _Table = { readonly [K in AST.AST["_tag"]]: (ast: Extract<AST.AST, { _tag: K }>, ctx: _Ctx) => _Sides }
type _Field = Extract<SchemaIr.Node, { _tag: "Struct" }>["fields"][number]

const _both = (node: SchemaIr.Node): _Sides => ({ type: node, encoded: node, transformed: false })
const _keyword = (keyword: SchemaIr.Keyword): (() => _Sides) => () => _both({ _tag: "Keyword", keyword })
const _id = (ast: AST.AST): string | undefined => Option.getOrUndefined(AST.getIdentifierAnnotation(ast))
/** A declaration's name without an identifier: its title, else the type its description shows (`Option<string>`). */
const _named = (ast: AST.AST): string | undefined =>
  /^([A-Za-z_$][\w$]*)(?:[<(]|$)/.exec(
    Option.getOrUndefined(Option.orElse(AST.getTitleAnnotation(ast), () => AST.getDescriptionAnnotation(ast))) ?? ""
  )?.[1]
const _literal = (l: AST.LiteralValue): string | number | boolean | null =>
  typeof l === "bigint" ? `${l}n` : l
const _key = (k: PropertyKey): string => typeof k === "symbol" ? k.toString() : String(k)

const _map = <A>(items: ReadonlyArray<A>, f: (a: A) => _Sides) => {
  const sides = items.map(f)
  return { type: sides.map((s) => s.type), encoded: sides.map((s) => s.encoded), transformed: sides.some((s) => s.transformed) }
}

const _table: _Table = {
  Declaration: (ast, ctx) => {
    const params = _map(ast.typeParameters, (p) => _walk(p, ctx))
    const id = _id(ast) ?? _named(ast) ?? "Declaration"
    const isClass = Option.isSome(AST.getSurrogateAnnotation(ast))
    return {
      type: { _tag: "Declaration", id, isClass, params: params.type },
      encoded: { _tag: "Declaration", id, isClass, params: params.encoded },
      transformed: params.transformed
    }
  },
  Literal: (ast) => _both({ _tag: "Literal", literal: _literal(ast.literal) }),
  UniqueSymbol: (ast) => _both({ _tag: "UniqueSymbol", symbol: ast.symbol.toString() }),
  UndefinedKeyword: _keyword("undefined"),
  VoidKeyword: _keyword("void"),
  NeverKeyword: _keyword("never"),
  UnknownKeyword: _keyword("unknown"),
  AnyKeyword: _keyword("any"),
  StringKeyword: _keyword("string"),
  NumberKeyword: _keyword("number"),
  BooleanKeyword: _keyword("boolean"),
  BigIntKeyword: _keyword("bigint"),
  SymbolKeyword: _keyword("symbol"),
  ObjectKeyword: _keyword("object"),
  Enums: (ast) => _both({ _tag: "Enums", enums: ast.enums.map(([name, value]) => [name, value] as const) }),
  TemplateLiteral: (ast) => _both({ _tag: "TemplateLiteral", text: String(ast) }),
  Refinement: (ast, ctx) => {
    const from = _walk(ast.from, ctx)
    const brand = Option.getOrUndefined(AST.getBrandAnnotation(ast))
    const filter = brand !== undefined
      ? { _tag: "Brand" as const, brands: brand.map(_key), from: from.type }
      : { _tag: "Refinement" as const, filter: _id(ast) ?? Option.getOrElse(AST.getDescriptionAnnotation(ast), () => "filter"), from: from.type }
    return { type: filter, encoded: SchemaMarks.checked(from.encoded, ast, from.transformed), transformed: from.transformed }
  },
  TupleType: (ast, ctx) => {
    const elements = _map(ast.elements, (e) => _walk(e.type, ctx))
    const rest = _map(ast.rest, (r) => _walk(r.type, ctx))
    const side = (types: ReadonlyArray<SchemaIr.Node>, restTypes: ReadonlyArray<SchemaIr.Node>): SchemaIr.Node => ({
      _tag: "Tuple",
      elements: types.map((type, i) => ({ type, optional: ast.elements[i]?.isOptional ?? false })),
      rest: restTypes
    })
    return {
      type: side(elements.type, rest.type),
      encoded: side(elements.encoded, rest.encoded),
      transformed: elements.transformed || rest.transformed
    }
  },
  TypeLiteral: (ast, ctx) => {
    const fields = _map(ast.propertySignatures, (p) => _walk(p.type, ctx))
    const index = _map(ast.indexSignatures, (s) => _walk(s.type, ctx))
    const keys = _map(ast.indexSignatures, (s) => _walk(s.parameter, ctx))
    const renames = ast.propertySignatures.map(SchemaMarks.renamed)
    const side = (f: ReadonlyArray<SchemaIr.Node>, k: ReadonlyArray<SchemaIr.Node>, v: ReadonlyArray<SchemaIr.Node>) => ({
      _tag: "Struct" as const,
      fields: ast.propertySignatures.map((p, i): _Field => {
        const field = { name: _key(p.name), type: f[i]!, optional: p.isOptional }
        return renames[i] === undefined ? field : { ...field, renamedFrom: renames[i] }
      }),
      index: ast.indexSignatures.map((_, i) => ({ key: k[i]!, value: v[i]! }))
    })
    return {
      type: side(fields.type, keys.type, index.type),
      encoded: side(fields.encoded, keys.encoded, index.encoded),
      transformed: fields.transformed || index.transformed
    }
  },
  Union: (ast, ctx) => {
    const members = _map(ast.types, (t) => _walk(t, ctx))
    return {
      type: { _tag: "Union", members: members.type },
      encoded: { _tag: "Union", members: members.encoded },
      transformed: members.transformed
    }
  },
  Suspend: (ast, ctx) => {
    const inner = ast.f()
    const ref = _id(inner) ?? _id(ast) ?? "Self"
    const body = ctx.active.has(inner) ? undefined : _walk(inner, ctx)
    return body === undefined
      ? _both({ _tag: "Ref", ref })
      : {
        type: { _tag: "Suspend", ref, body: body.type },
        encoded: { _tag: "Suspend", ref, body: body.encoded },
        transformed: body.transformed
      }
  },
  Transformation: (ast, ctx) => {
    const to = _walk(ast.to, ctx)
    const from = _walk(ast.from, ctx)
    return { type: to.type, encoded: SchemaMarks.transformed(ast, to.type, from.encoded), transformed: true }
  }
}

/** A brand on a schema without a refinement is only an annotation: it still brands the type side. */
const _branded = (ast: AST.AST, sides: _Sides): _Sides => {
  const brand = ast._tag === "Refinement" ? undefined : Option.getOrUndefined(AST.getBrandAnnotation(ast))
  return brand === undefined ? sides : { ...sides, type: { _tag: "Brand", brands: brand.map(_key), from: sides.type } }
}

const _walk = (ast: AST.AST, ctx: _Ctx): _Sides => {
  const f = _table[ast._tag] as (ast: AST.AST, ctx: _Ctx) => _Sides
  ctx.active.add(ast)
  const sides = _branded(ast, f(ast, ctx))
  ctx.active.delete(ast)
  return sides
}

/** Walk a schema's AST once into its canonical type-side and encoded-side forms. */
const fromAst = (ast: AST.AST): SchemaIr => {
  const { encoded, type } = _walk(ast, { active: new Set() })
  return { type, encoded, id: _id(ast) }
}

export type SchemaIr = { readonly type: SchemaIr.Node; readonly encoded: SchemaIr.Node; readonly id: string | undefined }

export const SchemaIr = { fromAst, renamedFrom: SchemaMarks.renamedFrom } as const

export declare namespace SchemaIr {
  type Keyword = SchemaNode.Keyword
  type Check = SchemaNode.Check
  type Marks = SchemaNode.Marks
  type Node = SchemaNode.Node
}
