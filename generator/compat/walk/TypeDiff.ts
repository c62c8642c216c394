/**
 * Where two type-side forms of a schema differ, as `{ path, change }` lines for the TYPE_SIDE_CHANGED
 * warning: brands, classes, decoded types. Filters are left to the wire rules. Pure, bounded.
 */
import type { SchemaIr } from "../../ir/SchemaIr.js"
import { SchemaRender } from "../../print/SchemaRender.js"

type _Node = SchemaIr.Node
type _Out = Array<TypeDiff.Change>

const _max = 5


/** Refinement labels are the wire rules' business: look through them. */
const _bare = (n: _Node): _Node => n._tag === "Refinement" ? _bare(n.from) : n

const _show = (n: _Node): string => SchemaRender.render(n)

/** Equal as values, ignoring what decoding checks (filters and decoders are the wire rules' business). */
const _same = (a: _Node, b: _Node): boolean => JSON.stringify(a, _unmarked) === JSON.stringify(b, _unmarked)
const _unmarked = (key: string, value: unknown): unknown => key === "checks" || key === "decode" ? undefined : value

const _children: {
  readonly [K in _Node["_tag"]]?: (a: Extract<_Node, { _tag: K }>, b: Extract<_Node, { _tag: K }>, path: string, out: _Out, max: number) => boolean
} = {
  Struct: (a, b, path, out, max) => {
    const names = new Set(a.fields.map((f) => f.name))
    b.fields.forEach((f) => {
      const before = a.fields.find((x) => x.name === f.name) ?? a.fields.find((x) => x.name === f.renamedFrom && !names.has(f.name))
      before === undefined
        ? out.push({ path: `${path}.${f.name}`, change: `field \`${f.name}\` added` })
        : before.optional !== f.optional
        ? out.push({ path: `${path}.${f.name}`, change: `field \`${f.name}\` is now ${f.optional ? "optional" : "required"} in the decoded type` })
        : _diff(before.type, f.type, `${path}.${f.name}`, out, max)
      before !== undefined && before.name !== f.name && out.push({ path: `${path}.${f.name}`, change: `field \`${before.name}\` renamed to \`${f.name}\`` })
    })
    a.fields.filter((x) => !b.fields.some((f) => f.name === x.name || f.renamedFrom === x.name)).forEach((x) =>
      out.push({ path: `${path}.${x.name}`, change: `field \`${x.name}\` removed` })
    )
    return a.index.length === b.index.length && a.index.every((x, i) => _same(x.key, b.index[i]!.key) && _same(x.value, b.index[i]!.value))
  },
  Tuple: (a, b, path, out, max) => {
    a.elements.length === b.elements.length && a.elements.every((e, i) => e.optional === b.elements[i]!.optional)
      ? a.elements.forEach((e, i) => _diff(e.type, b.elements[i]!.type, `${path}[${i}]`, out, max))
      : out.push({ path, change: `\`${_show(a)}\` became \`${_show(b)}\`` })
    a.rest.length === b.rest.length ? a.rest.forEach((r, i) => _diff(r, b.rest[i]!, `${path}[]`, out, max)) : out.push({ path, change: "rest elements changed" })
    return true
  },
  Brand: (a, b, path, out, max) => {
    a.brands.join() === b.brands.join() || out.push({ path, change: `brand ${a.brands.join(" & ")} became ${b.brands.join(" & ")}` })
    _diff(a.from, b.from, path, out, max)
    return true
  },
  Declaration: (a, b, path, out, max) =>
    a.id === b.id && a.isClass === b.isClass && a.params.length === b.params.length &&
    (a.params.forEach((p, i) => _diff(p, b.params[i]!, a.isClass ? path : `${path}<${i}>`, out, max)), true),
  Suspend: (a, b, path, out, max) => (_diff(a.body, b.body, path, out, max), a.ref === b.ref),
  Union: (a, b, path, out, max) =>
    a.members.length === b.members.length && (a.members.forEach((m, i) => _diff(m, b.members[i]!, path, out, max)), true)
}

const _diff = (a0: _Node, b0: _Node, path: string, out: _Out, max: number): void => {
  const a = _bare(a0)
  const b = _bare(b0)
  const walk = _children[a._tag] as ((a: _Node, b: _Node, path: string, out: _Out, max: number) => boolean) | undefined
  const same = out.length >= max || _same(a, b) || (a._tag === b._tag && walk !== undefined && walk(a, b, path, out, max))
  same || out.push({ path, change: a._tag === "Brand" && b._tag !== "Brand"
    ? `brand ${a.brands.join(" & ")} removed`
    : b._tag === "Brand" && a._tag !== "Brand"
    ? `brand ${b.brands.join(" & ")} added`
    : `decoded type \`${_show(a)}\` became \`${_show(b)}\`` })
}

/** At most `max` differences between two forms, outermost first. */
const changes = (previous: _Node, current: _Node, path: string, max = _max): ReadonlyArray<TypeDiff.Change> => {
  const out: _Out = []
  _diff(previous, current, path, out, max)
  return out.slice(0, max)
}

export const TypeDiff = { changes } as const

export declare namespace TypeDiff {
  interface Change {
    readonly path: string
    readonly change: string
  }
}
