/**
 * Where two type-side forms of a schema differ, as `{ path, change }` lines for the TYPE_SIDE_CHANGED
 * warning: brands, classes, decoded types. Filters are left to the wire rules. Pure, bounded.
 */
import type { SchemaIr } from "../SchemaIr.js"
import { SchemaRender } from "../SchemaRender.js"

type _Node = SchemaIr.Node
type _Out = Array<TypeDiff.Change>

const _max = 5

/** Refinement labels are the wire rules' business: look through them. */
const _bare = (n: _Node): _Node => n._tag === "Refinement" ? _bare(n.from) : n

const _show = (n: _Node): string => SchemaRender.render(n)

const _same = (a: _Node, b: _Node): boolean => JSON.stringify(a) === JSON.stringify(b)

const _children: {
  readonly [K in _Node["_tag"]]?: (a: Extract<_Node, { _tag: K }>, b: Extract<_Node, { _tag: K }>, path: string, out: _Out) => boolean
} = {
  Struct: (a, b, path, out) => {
    const names = new Set(a.fields.map((f) => f.name))
    b.fields.forEach((f) => {
      const before = a.fields.find((x) => x.name === f.name) ?? a.fields.find((x) => x.name === f.renamedFrom && !names.has(f.name))
      before === undefined
        ? out.push({ path: `${path}.${f.name}`, change: `field \`${f.name}\` added` })
        : before.optional !== f.optional
        ? out.push({ path: `${path}.${f.name}`, change: `field \`${f.name}\` is now ${f.optional ? "optional" : "required"} in the decoded type` })
        : _diff(before.type, f.type, `${path}.${f.name}`, out)
      before !== undefined && before.name !== f.name && out.push({ path: `${path}.${f.name}`, change: `field \`${before.name}\` renamed to \`${f.name}\`` })
    })
    a.fields.filter((x) => !b.fields.some((f) => f.name === x.name || f.renamedFrom === x.name)).forEach((x) =>
      out.push({ path: `${path}.${x.name}`, change: `field \`${x.name}\` removed` })
    )
    return a.index.length === b.index.length && a.index.every((x, i) => _same(x.key, b.index[i]!.key) && _same(x.value, b.index[i]!.value))
  },
  Tuple: (a, b, path, out) => {
    a.elements.length === b.elements.length && a.elements.every((e, i) => e.optional === b.elements[i]!.optional)
      ? a.elements.forEach((e, i) => _diff(e.type, b.elements[i]!.type, `${path}[${i}]`, out))
      : out.push({ path, change: `\`${_show(a)}\` became \`${_show(b)}\`` })
    a.rest.length === b.rest.length ? a.rest.forEach((r, i) => _diff(r, b.rest[i]!, `${path}[]`, out)) : out.push({ path, change: "rest elements changed" })
    return true
  },
  Brand: (a, b, path, out) => {
    a.brands.join() === b.brands.join() || out.push({ path, change: `brand ${a.brands.join(" & ")} became ${b.brands.join(" & ")}` })
    _diff(a.from, b.from, path, out)
    return true
  },
  Declaration: (a, b, path, out) =>
    a.id === b.id && a.isClass === b.isClass && a.params.length === b.params.length &&
    (a.params.forEach((p, i) => _diff(p, b.params[i]!, a.isClass ? path : `${path}<${i}>`, out)), true),
  Suspend: (a, b, path, out) => (_diff(a.body, b.body, path, out), a.ref === b.ref),
  Union: (a, b, path, out) =>
    a.members.length === b.members.length && (a.members.forEach((m, i) => _diff(m, b.members[i]!, path, out)), true)
}

const _diff = (a0: _Node, b0: _Node, path: string, out: _Out): void => {
  const a = _bare(a0)
  const b = _bare(b0)
  const walk = _children[a._tag] as ((a: _Node, b: _Node, path: string, out: _Out) => boolean) | undefined
  const same = out.length >= _max || _same(a, b) || (a._tag === b._tag && walk !== undefined && walk(a, b, path, out))
  same || out.push({ path, change: a._tag === "Brand" && b._tag !== "Brand"
    ? `brand ${a.brands.join(" & ")} removed`
    : b._tag === "Brand" && a._tag !== "Brand"
    ? `brand ${b.brands.join(" & ")} added`
    : `decoded type \`${_show(a)}\` became \`${_show(b)}\`` })
}

/** At most five differences between two type-side forms, outermost first. */
const changes = (previous: _Node, current: _Node, path: string): ReadonlyArray<TypeDiff.Change> => {
  const out: _Out = []
  _diff(previous, current, path, out)
  return out.slice(0, _max)
}

export const TypeDiff = { changes } as const

export declare namespace TypeDiff {
  interface Change {
    readonly path: string
    readonly change: string
  }
}
