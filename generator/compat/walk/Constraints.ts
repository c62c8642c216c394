/**
 * Compares the filters two versions decode with at one position: which checks of a reader are not
 * implied by a writer's. Bounds from JSON Schema annotations compare; anything else only by identity.
 */
import type { SchemaIr } from "../../ir/SchemaIr.js"

type _Check = SchemaIr.Check
type _Json = Readonly<Record<string, unknown>>

/** What a writer's checks guarantee about its values. */
interface _Bounds {
  readonly low: Readonly<Record<"minLength" | "minItems", number>>
  readonly high: Readonly<Record<"maxLength" | "maxItems", number>>
  readonly lower: { readonly v: number; readonly excl: boolean }
  readonly upper: { readonly v: number; readonly excl: boolean }
  readonly integer: boolean
  readonly multipleOf: ReadonlyArray<number>
  readonly exact: Readonly<Record<"pattern" | "format", ReadonlyArray<unknown>>>
}

const _comparable = new Set([
  "minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "multipleOf", "type", "pattern", "format"
])

const _num = (u: unknown): number | undefined => typeof u === "number" ? u : undefined

const _canonical = (c: _Check): string => JSON.stringify([c.id, c.json ?? null, c.onType ?? false])

const _bounds = (checks: ReadonlyArray<_Check>): _Bounds => {
  const jsons = checks.flatMap((c) => c.json === undefined ? [] : [c.json])
  const all = (key: string) => jsons.flatMap((j) => _num(j[key]) === undefined ? [] : [_num(j[key])!])
  const max = (key: string) => Math.max(0, ...all(key))
  const min = (key: string) => Math.min(Infinity, ...all(key))
  const lowers = [...all("minimum").map((v) => ({ v, excl: false })), ...all("exclusiveMinimum").map((v) => ({ v, excl: true }))]
  const uppers = [...all("maximum").map((v) => ({ v, excl: false })), ...all("exclusiveMaximum").map((v) => ({ v, excl: true }))]
  const integer = jsons.some((j) => j["type"] === "integer")
  return {
    low: { minLength: max("minLength"), minItems: max("minItems") },
    high: { maxLength: min("maxLength"), maxItems: min("maxItems") },
    lower: lowers.reduce((a, b) => b.v > a.v || (b.v === a.v && b.excl) ? b : a, { v: -Infinity, excl: false }),
    upper: uppers.reduce((a, b) => b.v < a.v || (b.v === a.v && b.excl) ? b : a, { v: Infinity, excl: false }),
    integer,
    multipleOf: [...all("multipleOf"), ...(integer ? [1] : [])],
    exact: {
      pattern: jsons.flatMap((j) => j["pattern"] === undefined ? [] : [j["pattern"]]),
      format: jsons.flatMap((j) => j["format"] === undefined ? [] : [j["format"]])
    }
  }
}

type _Verdict = "ok" | "bound" | "opaque"
type _Key = (w: _Bounds, v: unknown) => { readonly verdict: _Verdict; readonly writer: string }

const _fin = (n: number, none: number): string => n === none ? "none" : String(n)
const _low = (w: _Bounds): string => w.lower.v === -Infinity ? "none" : `${w.lower.excl ? ">" : "≥"} ${w.lower.v}`
const _high = (w: _Bounds): string => w.upper.v === Infinity ? "none" : `${w.upper.excl ? "<" : "≤"} ${w.upper.v}`
const _is = (ok: boolean): _Verdict => ok ? "ok" : "bound"

/** Per JSON Schema key of a reader's check: whether the writer implies it, and what the writer guarantees. */
const _implied: { readonly [k: string]: _Key } = {
  minLength: (w, v) => ({ verdict: _is(w.low.minLength >= (_num(v) ?? 0)), writer: _fin(w.low.minLength, 0) }),
  minItems: (w, v) => ({ verdict: _is(w.low.minItems >= (_num(v) ?? 0)), writer: _fin(w.low.minItems, 0) }),
  maxLength: (w, v) => ({ verdict: _is(w.high.maxLength <= (_num(v) ?? Infinity)), writer: _fin(w.high.maxLength, Infinity) }),
  maxItems: (w, v) => ({ verdict: _is(w.high.maxItems <= (_num(v) ?? Infinity)), writer: _fin(w.high.maxItems, Infinity) }),
  minimum: (w, v) => ({ verdict: _is(w.lower.v >= (_num(v) ?? -Infinity)), writer: _low(w) }),
  exclusiveMinimum: (w, v) => ({
    verdict: _is(w.lower.v > (_num(v) ?? -Infinity) || (w.lower.v === _num(v) && w.lower.excl)),
    writer: _low(w)
  }),
  maximum: (w, v) => ({ verdict: _is(w.upper.v <= (_num(v) ?? Infinity)), writer: _high(w) }),
  exclusiveMaximum: (w, v) => ({
    verdict: _is(w.upper.v < (_num(v) ?? Infinity) || (w.upper.v === _num(v) && w.upper.excl)),
    writer: _high(w)
  }),
  multipleOf: (w, v) => ({
    verdict: _is(w.multipleOf.some((k) => Number.isInteger(k / (_num(v) ?? 1)))),
    writer: w.multipleOf.length === 0 ? "none" : w.multipleOf.join(", ")
  }),
  type: (w, v) => ({ verdict: _is(v !== "integer" || w.integer), writer: w.integer ? "integer" : "any number" }),
  pattern: (w, v) => ({
    verdict: w.exact.pattern.includes(v) ? "ok" : w.exact.pattern.length === 0 ? "bound" : "opaque",
    writer: w.exact.pattern.length === 0 ? "none" : w.exact.pattern.map((p) => JSON.stringify(p)).join(", ")
  }),
  format: (w, v) => ({
    verdict: w.exact.format.includes(v) ? "ok" : w.exact.format.length === 0 ? "bound" : "opaque",
    writer: w.exact.format.length === 0 ? "none" : w.exact.format.map((p) => JSON.stringify(p)).join(", ")
  })
}

const _show = (v: unknown): string => typeof v === "string" ? JSON.stringify(v) : String(v)

const _describe = (c: _Check): string =>
  c.json === undefined || Object.keys(c.json).length === 0 ? c.id : Object.entries(c.json).map(([k, v]) => `${k} ${_show(v)}`).join(", ")

/** A reader check against the writer's guarantees: which keys fail, or that it cannot be compared. */
const _judge = (check: _Check, writer: ReadonlyArray<_Check>, bounds: _Bounds) => {
  const json: _Json = check.json ?? {}
  const keys = Object.keys(json)
  const identical = writer.some((w) => _canonical(w) === _canonical(check))
  const results = keys.map((k) => ({ key: k, reader: _show(json[k]), ...(_implied[k]?.(bounds, json[k]) ?? { verdict: "opaque" as const, writer: "?" }) }))
  const opaque = !identical && (keys.length === 0 || !keys.every((k) => _comparable.has(k)) || results.some((r) => r.verdict === "opaque"))
  return { opaque, bound: identical || opaque ? [] : results.filter((r) => r.verdict === "bound") }
}

/**
 * The checks of `reader` that `writer`'s checks do not imply: `bound`, per JSON Schema key, where the
 * reader is provably stricter; `opaque` where it cannot be told (a custom filter, a different regex).
 */
const unmet = (reader: ReadonlyArray<_Check>, writer: ReadonlyArray<_Check>): Constraints.Unmet => {
  const bounds = _bounds(writer)
  const judged = reader.map((c) => ({ c, ..._judge(c, writer, bounds) }))
  return {
    bound: judged.flatMap((j) => j.bound.map(({ key, reader, writer }) => ({ key, reader, writer }))),
    opaque: judged.filter((j) => j.opaque).map((j) => _describe(j.c))
  }
}

/**
 * The reader's filters that cannot be compared, split by whether the writer still has filters of its own.
 * `added`: every writer filter is also the reader's (or comparable), so the reader's extra filters can only
 * reject more. `changed`: the writer has filters the reader lacks, perhaps an earlier form of the reader's.
 */
const opaque = (reader: ReadonlyArray<_Check>, writer: ReadonlyArray<_Check>) => {
  const extra = unmet(reader, writer).opaque
  const changed = extra.length > 0 && unmet(writer, reader).opaque.length > 0
  return { added: changed ? [] : extra, changed: changed ? extra : [] }
}

export const Constraints = { unmet, opaque, describe: _describe } as const

export declare namespace Constraints {
  interface Unmet {
    /** A JSON Schema key the reader requires (`reader`) beyond what the writer guarantees (`writer`). */
    readonly bound: ReadonlyArray<{ readonly key: string; readonly reader: string; readonly writer: string }>
    readonly opaque: ReadonlyArray<string>
  }
}
