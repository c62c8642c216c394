/**
 * The compatibility walker: aligns the encoded (wire) forms of two versions of a schema and shows every
 * aligned site to the rules, keeping hits in the directions that matter. Knows no rule; decides nothing.
 */
import type { SchemaIr } from "../../ir/SchemaIr.js"
import { Canonical } from "./Canonical.js"
import { Members } from "./Members.js"
import { Rule } from "../Rule.js"

type _Node = SchemaIr.Node
type _Env = ReadonlyMap<string, _Node>
type _M = Members.Member
type _Site = Rule.Site
type _Table = { readonly [K in _Site["_tag"]]: ReadonlyArray<(site: Extract<_Site, { _tag: K }>) => ReadonlyArray<Rule.Hit>> }

interface _Ctx {
  readonly table: _Table
  readonly rules: ReadonlyMap<(site: never) => ReadonlyArray<Rule.Hit>, Rule>
  readonly out: Array<Walk.Raw>
  readonly seen: Set<string>
  /** The node pairs walked from the root down to the current position: each hit keeps a copy. */
  readonly trail: Array<Walk.Step>
  readonly ids: { readonly map: WeakMap<object, number>; next: number }
}

const _tags: ReadonlyArray<_Site["_tag"]> = ["Declaration", "Slot", "Marks", "Struct", "Tuple", "Members", "Mismatch"]

const _table = (rules: ReadonlyArray<Rule>): _Table =>
  Object.fromEntries(_tags.map((t) => [t, rules.flatMap((r) => r.check[t] === undefined ? [] : [r.check[t]])])) as unknown as _Table

/** Show `site` to every rule that looks at its kind; keep the hits that break a direction in `dirs`. */
const _emit = (ctx: _Ctx, site: _Site, dirs: Rule.Dirs): void => {
  const checks = ctx.table[site._tag] as ReadonlyArray<(s: _Site) => ReadonlyArray<Rule.Hit>>
  checks.forEach((check) =>
    check(site).forEach((hit) => {
      const breaks = (hit.breaks & dirs) as Rule.Dirs
      breaks === 0 || ctx.out.push({ rule: ctx.rules.get(check)!, hit: { ...hit, breaks }, trail: [...ctx.trail] })
    })
  )
}

const _id = (ctx: _Ctx, o: object): number => {
  const known = ctx.ids.map.get(o)
  return known ?? (ctx.ids.map.set(o, ++ctx.ids.next), ctx.ids.next)
}

const _hasMarks = (m: SchemaIr.Marks): boolean => m.checks !== undefined || m.decode !== undefined
const _marks = (n: _Node): SchemaIr.Marks => ({ ...(n.checks ? { checks: n.checks } : {}), ...(n.decode ? { decode: n.decode } : {}) })

const _pair = (ctx: _Ctx, prev: _Node, pe: _Env, curr: _Node, ce: _Env, path: string, dirs: Rule.Dirs): void =>
  // Equal subtrees give no rule anything to report (a reference inside one leads back to a pair already walked).
  Canonical.equal(prev, curr) ? undefined : _walk(ctx, prev, pe, curr, ce, path, dirs)

const _walk = (ctx: _Ctx, prev: _Node, pe: _Env, curr: _Node, ce: _Env, path: string, dirs: Rule.Dirs): void => {
  const p = Members.resolve(prev, pe)
  const c = Members.resolve(curr, ce)
  const id = `${_id(ctx, p.node)}:${_id(ctx, c.node)}:${dirs}`
  const again = dirs === 0 || ((p.recursive || c.recursive) && ctx.seen.has(id))
  ctx.seen.add(id)
  const disc = Members.discriminant([p, c])
  const [pk, ck] = Members.keys([p, c], disc)
  const single = !Members.isUnion(p.node) && !Members.isUnion(c.node) && pk!.replace(/#\d+$/, "") === ck!.replace(/#\d+$/, "")
  ctx.trail.push({ path, previous: p.node, current: c.node })
  again || (single ? _same(ctx, p, c, path, dirs) : _union(ctx, p, c, path, dirs))
  ctx.trail.pop()
}

const _same = (ctx: _Ctx, p: _M, c: _M, path: string, dirs: Rule.Dirs): void => {
  const P = p.node
  const C = c.node
  _hasMarks(P) || _hasMarks(C) ? _emit(ctx, { _tag: "Marks", path, previous: _marks(P), current: _marks(C) }, dirs) : undefined
  P._tag === "Struct" && C._tag === "Struct" && _struct(ctx, p, P, c, C, path, dirs)
  P._tag === "Tuple" && C._tag === "Tuple" && _tuple(ctx, p, P, c, C, path, dirs)
  P._tag === "Declaration" && C._tag === "Declaration" && (P.params.length === C.params.length
    ? P.params.forEach((x, i) => _pair(ctx, x, p.env, C.params[i]!, c.env, `${path}<${i}>`, dirs))
    : _mismatch(ctx, P, C, path, dirs))
}

const _admits = (key: _Node): boolean => key._tag !== "Keyword" || key.keyword === "string"

const _struct = (ctx: _Ctx, p: _M, P: Rule.StructNode, c: _M, C: Rule.StructNode, path: string, dirs: Rule.Dirs) => {
  const prevBy = new Map(P.fields.map((f) => [f.name, f]))
  const currNames = new Set(C.fields.map((f) => f.name))
  const matched = C.fields.map((f) => ({
    previous: prevBy.get(f.name) ??
      (f.renamedFrom !== undefined && !currNames.has(f.renamedFrom) ? prevBy.get(f.renamedFrom) : undefined),
    current: f
  }))
  const used = new Set(matched.flatMap((x) => x.previous === undefined ? [] : [x.previous.name]))
  const pairs = [...matched, ...P.fields.filter((f) => !used.has(f.name)).map((f) => ({ previous: f, current: undefined }))]
  _emit(ctx, { _tag: "Struct", path, previous: P, current: C, pairs }, dirs)
  const pIndex = P.index.find((i) => _admits(i.key))
  const cIndex = C.index.find((i) => _admits(i.key))
  pairs.forEach(({ current: cf, previous: pf }) => {
    const at = `${path}.${cf?.name ?? pf!.name}`
    pf !== undefined && cf !== undefined && _pair(ctx, pf.type, p.env, cf.type, c.env, at, dirs)
    // A key one side fixes and the other admits through an index signature is read by both.
    pf !== undefined && cf === undefined && cIndex !== undefined && _pair(ctx, pf.type, p.env, cIndex.value, c.env, at, dirs)
    cf !== undefined && pf === undefined && pIndex !== undefined && _pair(ctx, pIndex.value, p.env, cf.type, c.env, at, dirs)
  })
  // Index signatures whose keys may overlap read each other's values.
  C.index.forEach((ci) =>
    P.index.filter((pi) => Rule.describe(pi.key) === Rule.describe(ci.key) || (_admits(pi.key) && _admits(ci.key))).forEach((pi) =>
      _pair(ctx, pi.value, p.env, ci.value, c.env, `${path}[${Rule.describe(ci.key)}]`, dirs)
    )
  )
}

const _tuple = (ctx: _Ctx, p: _M, P: Rule.TupleNode, c: _M, C: Rule.TupleNode, path: string, dirs: Rule.Dirs) => {
  _emit(ctx, { _tag: "Tuple", path, previous: P, current: C }, dirs)
  const n = Math.max(P.elements.length, C.elements.length)
  Array.from({ length: n }, (_, i) => {
    const pt = P.elements[i]?.type ?? P.rest[0]
    const ct = C.elements[i]?.type ?? C.rest[0]
    return pt !== undefined && ct !== undefined && _pair(ctx, pt, p.env, ct, c.env, `${path}[${i}]`, dirs)
  })
  P.rest.forEach((pr, i) => C.rest[i] === undefined || _pair(ctx, pr, p.env, C.rest[i]!, c.env, `${path}[]`, dirs))
}

/** Compare structural members (untagged structs, tuples) one direction at a time: one clean partner is enough. */
const _partners = (ctx: _Ctx, writers: ReadonlyArray<_M>, readers: ReadonlyArray<_M>, path: string, dir: 1 | 2): ReadonlyArray<_Node> =>
  writers.flatMap((w) => {
    const trials = readers.filter((r) => r.node._tag === w.node._tag).map((r) => {
      const trial: _Ctx = { ...ctx, out: [], seen: new Set(ctx.seen) }
      dir === Rule.backward ? _pair(trial, w.node, w.env, r.node, r.env, path, dir) : _pair(trial, r.node, r.env, w.node, w.env, path, dir)
      return trial
    })
    const best = trials.reduce<_Ctx | undefined>((a, t) => a === undefined || t.out.length < a.out.length ? t : a, undefined)
    best?.out.forEach((x) => ctx.out.push(x))
    best?.seen.forEach((x) => ctx.seen.add(x))
    return best === undefined ? [w.node] : []
  })

const _structural = (m: _M, disc: string | undefined): boolean =>
  m.node._tag === "Tuple" || (m.node._tag === "Struct" && disc === undefined)

const _union = (ctx: _Ctx, p: _M, c: _M, path: string, dirs: Rule.Dirs): void => {
  const pu = Members.isUnion(p.node) ? _marks(p.node) : {}
  const cu = Members.isUnion(c.node) ? _marks(c.node) : {}
  _hasMarks(pu) || _hasMarks(cu) ? _emit(ctx, { _tag: "Marks", path, previous: pu, current: cu }, dirs) : undefined
  const pm = Members.flatten(p)
  const cm = Members.flatten(c)
  const disc = Members.discriminant([...pm, ...cm])
  const pk = Members.keys(pm, disc)
  const ck = Members.keys(cm, disc)
  const usedC = new Set<number>()
  const leftP = pm.filter((m, i) => {
    const j = _structural(m, disc) ? -1 : ck.findIndex((k, j) => k === pk[i] && !usedC.has(j))
    j < 0 || (usedC.add(j), _pair(ctx, m.node, m.env, cm[j]!.node, cm[j]!.env, `${path}${Members.label(m.node, disc)}`, dirs))
    return j < 0
  })
  const leftC = cm.filter((_, j) => !usedC.has(j))
  // One value left over on each side (beside members such as `undefined` or `null`): a change of type.
  const values = (left: ReadonlyArray<_M>) => left.filter((x) => Rule.family(x.node) === "member")
  const single = pm.length === 1 && cm.length === 1 && leftP.length === 1 && leftC.length === 1
  const pair = single ? [leftP[0]!, leftC[0]!] : values(leftP).length === 1 && values(leftC).length === 1 ? [values(leftP)[0]!, values(leftC)[0]!] : []
  const mismatch = pair.length === 2 && !(_structural(pair[0]!, disc) && pair[0]!.node._tag === pair[1]!.node._tag)
  mismatch && _mismatch(ctx, pair[0]!.node, pair[1]!.node, path, dirs)
  const rest = (left: ReadonlyArray<_M>) => mismatch ? left.filter((x) => !pair.includes(x)) : left
  _members(ctx, { pm, cm, leftP: rest(leftP), leftC: rest(leftC), disc }, path, dirs)
}

/** Members left unpaired: scalars another member accepts are fine; structural ones look for a clean partner. */
const _members = (
  ctx: _Ctx,
  m: { readonly pm: ReadonlyArray<_M>; readonly cm: ReadonlyArray<_M>; readonly leftP: ReadonlyArray<_M>; readonly leftC: ReadonlyArray<_M>; readonly disc: string | undefined },
  path: string,
  dirs: Rule.Dirs
): void => {
  const structural = (x: _M) => _structural(x, m.disc)
  const accepted = (readers: ReadonlyArray<_M>) => (w: _M) => readers.some((r) => Members.accepts(r.node, w.node))
  const unpaired = (left: ReadonlyArray<_M>, others: ReadonlyArray<_M>, dir: 1 | 2) => [
    ...left.filter((x) => !structural(x) && !accepted(others)(x)).map((x) => x.node),
    ...((dirs & dir) === 0 ? [] : _partners(ctx, left.filter((x) => structural(x) && !accepted(others)(x)), others.filter(structural), path, dir))
  ]
  const removed = unpaired(m.leftP, m.cm, Rule.backward)
  const added = unpaired(m.leftC, m.pm, Rule.forward)
  added.length + removed.length > 0 &&
    _emit(ctx, { _tag: "Members", path, added, removed, previous: m.pm.map((x) => x.node), current: m.cm.map((x) => x.node) }, dirs)
}

/** Two single values of different kinds: each direction breaks unless its reader accepts the writer outright. */
const _mismatch = (ctx: _Ctx, previous: _Node, current: _Node, path: string, dirs: Rule.Dirs): void => {
  const breaks = ((Members.accepts(current, previous) ? 0 : Rule.backward) | (Members.accepts(previous, current) ? 0 : Rule.forward)) as Rule.Dirs
  _emit(ctx, { _tag: "Mismatch", path, previous, current, breaks }, dirs)
}

/** Every hit of `rules` between two encoded forms, in the directions `dirs`. */
const compare = (rules: ReadonlyArray<Rule>, previous: _Node, current: _Node, path: string, dirs: Rule.Dirs): ReadonlyArray<Walk.Raw> => {
  const ctx = _context(rules)
  _pair(ctx, previous, new Map(), current, new Map(), path, dirs)
  return ctx.out
}

/** Show one declaration- or slot-level site to the rules. */
const site = (rules: ReadonlyArray<Rule>, s: Extract<_Site, { _tag: "Declaration" | "Slot" }>, dirs: Rule.Dirs): ReadonlyArray<Walk.Raw> => {
  const ctx = _context(rules)
  s._tag === "Slot" && ctx.trail.push({ path: s.path, previous: s.previous.type, current: s.current.type })
  _emit(ctx, s, dirs)
  return ctx.out
}

const _dispatch = new WeakMap<ReadonlyArray<Rule>, Pick<_Ctx, "table" | "rules">>()

const _context = (rules: ReadonlyArray<Rule>): _Ctx => {
  const known = _dispatch.get(rules) ?? {
    table: _table(rules),
    rules: new Map(rules.flatMap((r) => _tags.flatMap((t) => r.check[t] === undefined ? [] : [[r.check[t] as (s: never) => ReadonlyArray<Rule.Hit>, r] as const])))
  }
  _dispatch.set(rules, known)
  return { ...known, out: [], seen: new Set(), trail: [], ids: { map: new WeakMap(), next: 0 } }
}

export const Walk = { compare, site } as const

export declare namespace Walk {
  interface Raw {
    readonly rule: Rule
    readonly hit: Rule.Hit
    /** The pairs of nodes aligned from the compared root down to the hit's site, outermost first. */
    readonly trail: ReadonlyArray<Step>
  }
  type Step = { readonly path: string; readonly previous: SchemaIr.Node; readonly current: SchemaIr.Node }
}
