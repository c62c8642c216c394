/**
 * Union members for the compatibility walker: recursion resolved, unions and enums flattened, each
 * member keyed so the two versions' members pair up (tagged structs by their tag). Pure.
 */
import type { SchemaIr } from "../../ir/SchemaIr.js"

type _Node = SchemaIr.Node
type _Env = ReadonlyMap<string, _Node>

const _unknown: _Node = { _tag: "Keyword", keyword: "unknown" }

/** Follow `Suspend` / `Ref` to the node they stand for; the environment maps recursion names to bodies. */
const resolve = (node: _Node, env: _Env): Members.Member =>
  node._tag === "Suspend"
    ? resolve(node.body, new Map(env).set(node.ref, node.body))
    : node._tag === "Ref"
    ? { node: env.get(node.ref) ?? _unknown, env, recursive: true }
    : { node, env, recursive: false }

/** A union, an enum or `never` (the empty union): compared member by member. */
const isUnion = (node: _Node): boolean =>
  node._tag === "Union" || node._tag === "Enums" || (node._tag === "Keyword" && node.keyword === "never")

/** The members of a (resolved) node: itself, or its flattened union members; enums become literals. */
const flatten = (m: Members.Member): ReadonlyArray<Members.Member> => {
  const n = m.node
  return n._tag === "Union"
    ? n.members.flatMap((x) => flatten({ ...resolve(x, m.env), recursive: m.recursive }))
    : n._tag === "Enums"
    ? n.enums.map(([, literal]) => ({ node: { _tag: "Literal", literal }, env: m.env, recursive: m.recursive }))
    : n._tag === "Keyword" && n.keyword === "never"
    ? []
    : [m]
}

const _literalField = (s: _Node, name: string): string | number | boolean | null | undefined => {
  const f = s._tag === "Struct" ? s.fields.find((x) => x.name === name && !x.optional) : undefined
  return f?.type._tag === "Literal" ? f.type.literal : undefined
}

/** The field every struct member of both sides fixes to a literal (`_tag` first), if any. */
const discriminant = (members: ReadonlyArray<Members.Member>): string | undefined => {
  const structs = members.map((m) => m.node).filter((n) => n._tag === "Struct")
  const first = structs[0]
  const names = first?._tag === "Struct" ? first.fields.map((f) => f.name) : []
  const common = names.filter((name) => structs.every((s) => _literalField(s, name) !== undefined))
  return common.includes("_tag") ? "_tag" : [...common].sort()[0]
}

/** The key two members must share to be compared as the same member. */
const key = (node: _Node, disc: string | undefined, nth: number): string =>
  node._tag === "Keyword"
    ? `kw:${node.keyword === "void" ? "undefined" : node.keyword}`
    : node._tag === "Literal"
    ? `lit:${JSON.stringify(node.literal)}`
    : node._tag === "UniqueSymbol"
    ? `sym:${node.symbol}`
    : node._tag === "TemplateLiteral"
    ? `tpl:${node.text}`
    : node._tag === "Declaration"
    ? `decl:${node.id}`
    : node._tag === "Struct" && disc !== undefined
    ? `struct:${disc}=${JSON.stringify(_literalField(node, disc))}`
    : `${node._tag}#${nth}`

/** Each member's key; structs and tuples without a discriminant are numbered in order. */
const keys = (members: ReadonlyArray<Members.Member>, disc: string | undefined): ReadonlyArray<string> => {
  const seen = new Map<string, number>()
  return members.map((m) => {
    const n = seen.get(m.node._tag) ?? 0
    seen.set(m.node._tag, n + 1)
    return key(m.node, disc, n)
  })
}

/** The label of a tagged member in a path, e.g. `(OrderNotFound)`. */
const label = (node: _Node, disc: string | undefined): string => {
  const tag = disc === undefined ? undefined : _literalField(node, disc)
  return tag === undefined ? "" : `(${String(tag)})`
}

const _bare = (n: _Node): boolean => n.checks === undefined && n.decode === undefined

const _scalar: { readonly [k: string]: (w: _Node) => boolean } = {
  unknown: () => true,
  any: () => true,
  string: (w) => (w._tag === "Literal" && typeof w.literal === "string") || w._tag === "TemplateLiteral",
  number: (w) => w._tag === "Literal" && typeof w.literal === "number",
  boolean: (w) => w._tag === "Literal" && typeof w.literal === "boolean",
  object: (w) => w._tag === "Struct" || w._tag === "Tuple",
  undefined: (w) => w._tag === "Keyword" && (w.keyword === "undefined" || w.keyword === "void"),
  void: () => true
}

/**
 * Whether the reader member certainly decodes every value of the writer member without walking them:
 * the same node, or a bare keyword that admits the writer's literal or template. Conservative.
 */
const accepts = (reader: _Node, writer: _Node): boolean =>
  (writer._tag === "Keyword" && writer.keyword === "never") ||
  JSON.stringify(reader) === JSON.stringify(writer) ||
  (reader._tag === "Keyword" && _bare(reader) && (_scalar[reader.keyword]?.(writer) ?? false))

export const Members = { resolve, isUnion, flatten, discriminant, keys, label, accepts } as const

export declare namespace Members {
  interface Member {
    readonly node: SchemaIr.Node
    readonly env: ReadonlyMap<string, SchemaIr.Node>
    /** Reached through a recursive reference: the walker remembers pairs it has seen here. */
    readonly recursive: boolean
  }
}
