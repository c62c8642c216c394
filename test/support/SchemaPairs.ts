/**
 * Random pairs of Effect Schemas (previous, current) for the compat property test: a small spec grammar
 * covering fields, optionality, defaults, literals, nullability, unions, tagged unions, arrays, tuples,
 * records, refinements, brands and transformations, generated as pairs that share structure. Test-only.
 */
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"

type _Leaf =
  | { readonly t: "string" | "number" | "int" | "boolean" | "null" | "nfs" | "date" | "dfs" | "even" | "trim" | "unknown" }
  | { readonly t: "lit"; readonly values: ReadonlyArray<string> }
  | { readonly t: "minLen" | "maxLen"; readonly n: number }
  | { readonly t: "between"; readonly lo: number; readonly hi: number }
  | { readonly t: "brand"; readonly n: number }

type _Kind = "req" | "opt" | "exact" | "def"

type Spec =
  | _Leaf
  | { readonly t: "struct"; readonly fields: ReadonlyArray<{ readonly name: string; readonly kind: _Kind; readonly spec: Spec }> }
  | { readonly t: "array"; readonly item: Spec; readonly nonEmpty: boolean }
  | { readonly t: "tuple"; readonly elements: ReadonlyArray<{ readonly spec: Spec; readonly optional: boolean }>; readonly rest: Spec | undefined }
  | { readonly t: "union"; readonly members: ReadonlyArray<Spec> }
  | { readonly t: "tagged"; readonly variants: ReadonlyArray<{ readonly tag: string; readonly field: Spec }> }
  | { readonly t: "nullOr"; readonly inner: Spec }
  | { readonly t: "record"; readonly value: Spec }

type _Pair = readonly [Spec, Spec]
type _S = Schema.Schema.AnyNoContext

const fc = FastCheck

const _leaf: FastCheck.Arbitrary<_Leaf> = fc.oneof(
  fc.constantFrom(
    ...(["string", "number", "int", "boolean", "null", "nfs", "date", "dfs", "even", "trim", "unknown"] as const).map((t) => ({ t }))
  ),
  fc.subarray(["a", "b", "c"], { minLength: 1 }).map((values) => ({ t: "lit" as const, values })),
  fc.record({ t: fc.constantFrom("minLen" as const, "maxLen" as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ t: fc.constant("between" as const), lo: fc.integer({ min: -2, max: 2 }), hi: fc.integer({ min: 3, max: 6 }) }),
  fc.record({ t: fc.constant("brand" as const), n: fc.integer({ min: 1, max: 2 }) })
)

const _kind = fc.constantFrom<_Kind>("req", "opt", "exact", "def")
const _names = ["a", "b", "c"] as const

/** A pair of leaves: equal most of the time, otherwise a neighbouring leaf (tightened, widened, replaced). */
const _leafPair: FastCheck.Arbitrary<_Pair> = fc.oneof(
  _leaf.map((l) => [l, l] as const),
  fc.tuple(_leaf, _leaf)
)

const _pairs = fc.letrec<{ pair: _Pair }>((tie) => {
  const sub = tie("pair")
  const maybeSub = fc.option(sub, { nil: undefined })
  return {
    pair: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      _leafPair,
      fc.tuple(..._names.map((name) => fc.record({ p: fc.boolean(), c: fc.boolean(), kp: _kind, kc: _kind, s: sub }).map((x) => ({ ...x, name }))))
        .map((fs) => [
          { t: "struct" as const, fields: fs.filter((f) => f.p).map((f) => ({ name: f.name, kind: f.kp, spec: f.s[0] })) },
          { t: "struct" as const, fields: fs.filter((f) => f.c).map((f) => ({ name: f.name, kind: f.kc, spec: f.s[1] })) }
        ] as const),
      fc.tuple(sub, fc.boolean(), fc.boolean()).map(([s, a, b]) =>
        [{ t: "array" as const, item: s[0], nonEmpty: a }, { t: "array" as const, item: s[1], nonEmpty: b }] as const
      ),
      fc.tuple(fc.array(fc.tuple(sub, fc.boolean(), fc.boolean()), { maxLength: 3 }), fc.nat(3), fc.nat(3), maybeSub, fc.boolean(), fc.boolean())
        .map(([es, np, nc, rest, rp, rc]) => [
          { t: "tuple" as const, elements: es.slice(0, np).map(([s, o]) => ({ spec: s[0], optional: o })), rest: rp ? rest?.[0] : undefined },
          { t: "tuple" as const, elements: es.slice(0, nc).map(([s, , o]) => ({ spec: s[1], optional: o })), rest: rc ? rest?.[1] : undefined }
        ] as const),
      fc.array(fc.tuple(sub, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 3 }).map((ms) =>
        [
          { t: "union" as const, members: ms.filter(([, p]) => p).map(([s]) => s[0]) },
          { t: "union" as const, members: ms.filter(([, , c]) => c).map(([s]) => s[1]) }
        ] as const
      ),
      fc.array(fc.tuple(fc.constantFrom("X", "Y", "Z"), sub, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 3 }).map((vs) => {
        const unique = vs.filter(([tag], i) => vs.findIndex(([t]) => t === tag) === i)
        return [
          { t: "tagged" as const, variants: unique.filter(([, , p]) => p).map(([tag, s]) => ({ tag, field: s[0] })) },
          { t: "tagged" as const, variants: unique.filter(([, , , c]) => c).map(([tag, s]) => ({ tag, field: s[1] })) }
        ] as const
      }),
      fc.tuple(sub, fc.boolean(), fc.boolean()).map(([s, a, b]) =>
        [a ? { t: "nullOr" as const, inner: s[0] } : s[0], b ? { t: "nullOr" as const, inner: s[1] } : s[1]] as const
      ),
      sub.map((s) => [{ t: "record" as const, value: s[0] }, { t: "record" as const, value: s[1] }] as const)
    )
  }
}).pair

const _brands = [Schema.String.pipe(Schema.brand("B1")), Schema.String.pipe(Schema.minLength(1), Schema.brand("B2"))] as const

const _leafSchema = (s: _Leaf): _S =>
  s.t === "string" ? Schema.String
  : s.t === "number" ? Schema.Number
  : s.t === "int" ? Schema.Int
  : s.t === "boolean" ? Schema.Boolean
  : s.t === "null" ? Schema.Null
  : s.t === "nfs" ? Schema.NumberFromString
  : s.t === "date" ? Schema.DateTimeUtc
  : s.t === "dfs" ? Schema.DateFromString
  : s.t === "even" ? Schema.Number.pipe(Schema.filter((n) => n % 2 === 0, { identifier: "Even" }))
  : s.t === "trim" ? Schema.Trim
  : s.t === "unknown" ? Schema.Unknown
  : s.t === "lit" ? Schema.Literal(...s.values)
  : s.t === "minLen" ? Schema.String.pipe(Schema.minLength(s.n))
  : s.t === "maxLen" ? Schema.String.pipe(Schema.maxLength(s.n))
  : s.t === "between" ? Schema.Number.pipe(Schema.between(s.lo, s.hi))
  : s.t === "brand" ? _brands[s.n - 1]!
  : Schema.Unknown

/** A decoded value for `optionalWith({ default })`, when the spec has an obvious one. */
const _default = (s: Spec): (() => unknown) | undefined =>
  s.t === "string" || s.t === "trim" ? () => "" : s.t === "number" || s.t === "int" ? () => 0 : s.t === "boolean" ? () => false
  : s.t === "lit" ? () => s.values[0] : undefined

const _field = (kind: _Kind, spec: Spec) => {
  const s = build(spec)
  const def = _default(spec)
  return kind === "req" ? s
    : kind === "opt" || (kind === "def" && def === undefined) ? Schema.optional(s)
    : kind === "exact" ? Schema.optionalWith(s, { exact: true })
    : Schema.optionalWith(s as Schema.Schema<unknown, unknown, never>, { default: def! })
}

/** The Effect Schema a spec stands for. */
const build = (s: Spec): _S =>
  s.t === "struct" ? Schema.Struct(Object.fromEntries(s.fields.map((f) => [f.name, _field(f.kind, f.spec)])))
  : s.t === "array" ? (s.nonEmpty ? Schema.NonEmptyArray(build(s.item)) : Schema.Array(build(s.item)))
  : s.t === "tuple" ? _tuple(s)
  : s.t === "union" ? Schema.Union(...s.members.map(build))
  : s.t === "tagged" ? Schema.Union(...s.variants.map((v) => Schema.TaggedStruct(v.tag, { v: build(v.field) })))
  : s.t === "nullOr" ? Schema.NullOr(build(s.inner))
  : s.t === "record" ? Schema.Record({ key: Schema.String, value: build(s.value) })
  : _leafSchema(s)

const _tuple = (s: Extract<Spec, { t: "tuple" }>): _S => {
  // A required element cannot follow an optional one: only a trailing run of optional elements stays optional.
  const elements = s.elements.map((e, i) =>
    s.elements.slice(i).every((x) => x.optional) ? Schema.optionalElement(build(e.spec)) : build(e.spec)
  )
  return s.rest === undefined ? Schema.Tuple(...elements) : Schema.Tuple(elements, build(s.rest))
}

export const SchemaPairs = { arbitrary: _pairs, build } as const

export declare namespace SchemaPairs {
  type Pair = _Pair
  type Node = Spec
}
