/**
 * One finding per change: the per-slot hits of one change to a schema that several slots share are folded
 * into one finding that lists every slot it affects, placed at the declaration met first. Pure; judges nothing.
 *
 * The same change: the same rule and message, at the same path inside a struct (or class) whose previous
 * and current forms are the same wherever it is used. The walker records the node pairs it aligned on its way
 * to each hit (its trail); every struct pair on that trail places the hit as (struct before, struct now, path
 * below it). Hits sharing a placement are one change, and so, transitively, are hits linked through others:
 * a field removed from `Order` is one finding whether `Order` is an event's payload, an RPC's payload
 * or an element of a response's array. Structs declared apart but identical before and after cannot be told
 * from one shared struct and fold alike. Hits with no struct around them (a removed declaration, a stream
 * switch, a scalar slot) stay one per slot. Each hit keeps its own slot, path, direction and wire hashes
 * in `affects`, so accepting a finding acknowledges each of them.
 */
import type { SchemaIr } from "../ir/SchemaIr.js"
import type { Compat } from "./Compat.js"
import { Lockfile } from "./Lockfile.js"
import { Slots } from "./Slots.js"
import type { Walk } from "./walk/Walk.js"

/** Whether a node can place a change: a struct, or a class (on the type side). */
const _anchor = (n: SchemaIr.Node): boolean => n._tag === "Struct" || (n._tag === "Declaration" && n.isClass)

/** Fingerprints of nodes, each computed once per fold. */
const _fingerprints = () => {
  const known = new WeakMap<object, string>()
  return (n: SchemaIr.Node): string => {
    const hash = known.get(n) ?? Lockfile.hash(n)
    known.set(n, hash)
    return hash
  }
}

const _placements = (h: Changes.Hit, fp: (n: SchemaIr.Node) => string): ReadonlyArray<string> =>
  h.trail
    .filter((s) => _anchor(s.previous) && _anchor(s.current) && h.path.startsWith(s.path))
    .map((s) => JSON.stringify([h.rule, h.message, fp(s.previous), fp(s.current), h.path.slice(s.path.length)]))

const _byPosition = (a: Compat.Occurrence, b: Compat.Occurrence): number =>
  a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line !== b.line ? a.line - b.line : a.path < b.path ? -1 : a.path > b.path ? 1 : 0

const _advice = (role: Slots.Role): string => `${Slots.advice[role].charAt(0).toUpperCase()}${Slots.advice[role].slice(1)}`

const _occurrence = (h: Changes.Hit): Compat.Occurrence => ({
  slot: h.slot,
  path: h.path,
  role: h.role,
  direction: h.direction,
  from: h.from,
  to: h.to,
  file: h.file,
  line: h.line
})

/** One finding from the hits of one change: the lead is the hit declared first; severity is the worst. */
const _finding = (hits: ReadonlyArray<Changes.Hit>): Compat.Finding => {
  const sorted = [...hits].sort(_byPosition)
  const lead = sorted[0]!
  const wire = [...new Set(sorted.filter((h) => h.direction !== "type").map((h) => _advice(h.role)))]
  return {
    ..._occurrence(lead),
    rule: lead.rule,
    severity: sorted.some((h) => h.severity === "breaking") ? "breaking" : "warning",
    message: lead.message,
    why: lead.why,
    fix: [lead.fix, ...wire].join(". "),
    affects: sorted.map(_occurrence)
  }
}

/** Fold per-slot hits into one finding per change (see the module doc for what "the same change" is). */
const fold = (hits: ReadonlyArray<Changes.Hit>): ReadonlyArray<Compat.Finding> => {
  const fp = _fingerprints()
  const parent = hits.map((_, i) => i)
  const find = (i: number): number => parent[i] === i ? i : find(parent[i]!)
  const first = new Map<string, number>()
  hits.forEach((h, i) =>
    _placements(h, fp).forEach((key) => {
      const j = first.get(key)
      j === undefined ? first.set(key, i) : parent.splice(find(i), 1, find(j))
    })
  )
  const groups = new Map<number, Array<Changes.Hit>>()
  hits.forEach((h, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), h]))
  return [...groups.values()].map(_finding)
}

export const Changes = { fold } as const

export declare namespace Changes {
  /** One rule's hit in one slot, placed at its declaration, before folding. */
  interface Hit extends Compat.Occurrence {
    readonly rule: string
    readonly severity: "breaking" | "warning"
    readonly message: string
    readonly why: string
    /** The rule's own fix; the role's advice is added per affected role. */
    readonly fix: string
    readonly trail: ReadonlyArray<Walk.Step>
  }
}
