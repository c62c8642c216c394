/**
 * Renders a canonical schema node as a compact TypeScript-like type for generated doc comments.
 * Pure and total: every node tag has a case, so the output is stable for golden files.
 */
import type { SchemaIr } from "../ir/SchemaIr.js"

type _Node = SchemaIr.Node
type _Table = { readonly [K in _Node["_tag"]]: (node: Extract<_Node, { _tag: K }>) => string }

const _max = 160

/** A property name as TypeScript writes it: bare when it is an identifier, else quoted (`"with-dash"`). */
const _prop = (name: string): string => /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)

const _table: _Table = {
  Keyword: (n) => n.keyword,
  Literal: (n) => typeof n.literal === "string" ? JSON.stringify(n.literal) : String(n.literal),
  UniqueSymbol: (n) => `unique ${n.symbol}`,
  Enums: (n) => n.enums.map(([, v]) => JSON.stringify(v)).join(" | "),
  TemplateLiteral: (n) => n.text,
  Declaration: (n) =>
    n.id === "Declaration" ? "unknown" : n.isClass || n.params.length === 0 ? n.id : `${n.id}<${n.params.map(_render).join(", ")}>`,
  Brand: (n) => `${_render(n.from)} & Brand<${n.brands.map((b) => JSON.stringify(b)).join(" | ")}>`,
  Refinement: (n) => `${_render(n.from)} (${n.filter})`,
  Tuple: (n) =>
    n.elements.length === 0 && n.rest.length === 1
      ? `Array<${_render(n.rest[0]!)}>`
      : `[${
        [
          ...n.elements.map((e) => `${_render(e.type)}${e.optional ? "?" : ""}`),
          ...n.rest.map((r, i) => i === 0 ? `...Array<${_render(r)}>` : _render(r))
        ].join(", ")
      }]`,
  Struct: (n) => {
    const parts = [
      ...n.fields.map((f) => `${_prop(f.name)}${f.optional ? "?" : ""}: ${_render(f.type)}`),
      ...n.index.map((i) => `[key: ${_render(i.key)}]: ${_render(i.value)}`)
    ]
    return parts.length === 0 ? "{}" : `{ ${parts.join("; ")} }`
  },
  Union: (n) => n.members.map((m) => m._tag === "Union" ? `(${_render(m)})` : _render(m)).join(" | "),
  Suspend: (n) => _render(n.body),
  Ref: (n) => n.ref
}

const _render = (node: _Node): string => (_table[node._tag] as (n: _Node) => string)(node)

/**
 * One line, at most 160 characters: a longer form is cut after the last separator that fits (`;`, `,`, `|`,
 * `&`, `:` or an opening bracket, then a space), so never inside a name, a literal or a filter, and ends with `…`.
 */
const render = (node: _Node): string => {
  const text = _render(node)
  const cut = Math.max(0, ...[...text.slice(0, _max - 1).matchAll(/[;,|&:{[<] /g)].map((m) => m.index + 1))
  return text.length <= _max ? text : cut > 0 ? `${text.slice(0, cut)} …` : `${text.slice(0, _max - 1)}…`
}

export const SchemaRender = { render } as const
