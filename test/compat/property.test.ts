/**
 * Proof by decoding: for generated pairs of schemas and for every corpus case, whenever the checker finds
 * nothing breaking in a direction, every sampled value the writer encodes decodes with the reader. Never
 * "compatible" where decoding fails.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { Rule } from "../../generator/compat/Rule.js"
import { Rules } from "../../generator/compat/Rules.js"
import { Slots } from "../../generator/compat/Slots.js"
import { Walk } from "../../generator/compat/walk/Walk.js"
import { SchemaIr } from "../../generator/ir/SchemaIr.js"
import { ContractSchemas } from "../support/ContractSchemas.js"
import { Corpus } from "../support/Corpus.js"
import { SchemaPairs } from "../support/SchemaPairs.js"

type _S = Schema.Schema.AnyNoContext

/** Hits that make a direction not "compatible": breaking ones, and filters that cannot be compared. */
const _blocking = (raws: ReadonlyArray<Walk.Raw>) =>
  raws.filter((r) => r.rule.severity === "breaking" || r.rule.id === "VALIDATION_CHANGED")

/** Values of `writer`, encoded by it, that `reader` fails to decode (at most one, with its error). */
const _undecodable = (writer: _S, reader: _S, seed: number) => {
  // `never` (an empty union) has no arbitrary and no values.
  const arbitrary = Either.try(() => Arbitrary.make(writer))
  const values = Either.isRight(arbitrary) ? FastCheck.sample(arbitrary.right, { numRuns: 40, seed }) : []
  const encode = Schema.encodeUnknownEither(writer)
  const decode = Schema.decodeUnknownEither(reader)
  const failure = (wire: unknown) => Either.match(decode(wire), { onLeft: (e) => [{ wire, error: e.message }], onRight: () => [] })
  return values.flatMap((value) => Either.match(encode(value), { onLeft: () => [], onRight: failure })).slice(0, 1)
}

/** For one pair and one direction: checker verdict vs. decoding. */
const _check = (previous: _S, current: _S, dir: 1 | 2, seed: number) => {
  const raws = Walk.compare(Rules, SchemaIr.fromAst(previous.ast).encoded, SchemaIr.fromAst(current.ast).encoded, "x", dir)
  const blocking = _blocking(raws)
  const [writer, reader] = dir === Rule.backward ? [previous, current] : [current, previous]
  const failures = blocking.length === 0 ? _undecodable(writer, reader, seed) : []
  return { compatible: blocking.length === 0, failures, findings: raws.map((r) => `${r.rule.id} ${r.hit.path}`) }
}

describe("compat property: never compatible where decoding fails", () => {
  it("generated schema pairs, both directions", () => {
    const stats = { compatible: 0, breaking: 0 }
    FastCheck.assert(
      FastCheck.property(SchemaPairs.arbitrary, FastCheck.integer(), ([p, c], seed) => {
        const previous = SchemaPairs.build(p)
        const current = SchemaPairs.build(c)
        return [Rule.backward, Rule.forward].every((dir) => {
          const r = _check(previous, current, dir, seed)
          r.compatible ? stats.compatible++ : stats.breaking++
          expect(r.failures, `${dir === 1 ? "backward" : "forward"}: ${String(previous)} → ${String(current)}; findings: ${r.findings.join(", ")}`)
            .toEqual([])
          return true
        })
      }),
      { numRuns: 400, seed: 42 }
    )
    // Both verdicts occur: the generator exercises compatible and breaking pairs alike.
    expect(stats.compatible).toBeGreaterThan(100)
    expect(stats.breaking).toBeGreaterThan(100)
  })
})

const cases = await Effect.runPromise(Corpus.cases.pipe(Effect.provide(NodeContext.layer)))

const _covers = { full: 3, backward: 1, "backward-transitive": 1, forward: 2, type: 0 } as const

/** The slots of every contract file in one version folder of a case. */
const _version = (dir: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const exists = yield* fs.exists(dir)
    const files = exists ? (yield* fs.readDirectory(dir)).filter((f) => f.endsWith(".contract.ts")) : []
    return (yield* Effect.forEach(files, (f) => ContractSchemas.load(`${dir}/${f}`))).flat()
  })

describe.concurrent.each(cases.map((c) => [`${c.rule}/${c.name}`, c] as const))("compat property over the corpus: %s", (_, c) => {
  it.effect("every direction the checker passes decodes sampled writer values", () =>
    Effect.gen(function*() {
      const { report } = yield* Corpus.run(c)
      const [older, previous, current] = yield* Effect.forEach(["older", "previous", "current"], (v) => _version(`${c.dir}/${v}`))
      // A finding blocks each slot it affects, in that slot's own direction.
      const blocked = (slot: string, role: Slots.Role, dir: 1 | 2) =>
        report.findings.some((f) =>
          (f.severity === "breaking" || f.rule === "VALIDATION_CHANGED") &&
          f.affects.some((o) => (o.slot === slot || o.slot === Slots.owner(slot, role)) && (_covers[o.direction as keyof typeof _covers] & dir) !== 0)
        )
      const checks = (previous ?? []).flatMap((p) => {
        const now = current!.find((x) => x.path === p.path)
        const dirs = now === undefined || p.role === "workflow-payload" ? 0 : Slots.dirs[p.role] | Slots.dirs[now.role]
        return [Rule.backward, Rule.forward].filter((d) => (dirs & d) !== 0 && !blocked(p.path, p.role, d)).map((d) =>
          d === Rule.backward ? { slot: p.path, writer: p.schema, reader: now!.schema } : { slot: p.path, writer: now!.schema, reader: p.schema }
        )
      })
      const versions = current!.filter((x) => x.role === "workflow-payload").map((x) => x.schema).reverse()
      const transitive = [...older!, ...previous!].filter((w) => w.role === "workflow-payload" && versions.length > 0 && !blocked(w.path, w.role, 1))
        .map((w) => ({ slot: w.path, writer: w.schema, reader: Schema.Union(...versions) as unknown as _S }))
      ;[...checks, ...transitive].forEach((x, i) =>
        expect(_undecodable(x.writer, x.reader, i), `${x.slot}: ${String(x.writer)} → ${String(x.reader)}`).toEqual([])
      )
    }).pipe(Effect.provide(NodeContext.layer)))
})
