/**
 * The compat corpus, one test per case: `codegen lock` on the previous contracts, then `codegen compat`
 * on the current ones gives the expected verdict, exit code and findings (rule, path, direction).
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Rules } from "../../generator/compat/Rules.js"
import { Slots } from "../../generator/compat/Slots.js"
import { Corpus } from "../support/Corpus.js"

const cases = await Effect.runPromise(Corpus.cases.pipe(Effect.provide(NodeContext.layer)))

type _Place = { readonly path: string; readonly direction: string; readonly role: string }

const _place = (o: _Place) => `${o.path} (${o.role}, ${o.direction})`

const _key = (f: _Place & { readonly rule: string; readonly severity: string }) => `${f.rule} ${f.path} (${f.role}, ${f.direction}, ${f.severity})`

/** A finding with the slots it affects and, when the case names it, where it is declared. */
const _full = (f: _Place & { readonly rule: string; readonly severity: string }, affects: ReadonlyArray<string>, at: string | undefined) =>
  `${_key(f)} affects ${affects.join(", ")}${at === undefined ? "" : ` at ${at}`}`

describe("compat corpus", () => {
  it("has at least 60 cases, a folder per rule, and a case in each folder where its rule fires", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60)
    expect([...new Set(cases.map((c) => c.rule))].sort()).toEqual(Rules.map((r) => r.id).sort())
    Rules.forEach((r) =>
      expect(cases.some((c) => c.rule === r.id && c.expected.findings.some((f) => f.rule === r.id)), r.id).toBe(true)
    )
  })

  it("covers every role with findings, and every verdict", () => {
    expect([...new Set(cases.flatMap((c) => c.expected.findings.map((f) => f.role)))].sort()).toEqual([...Slots.roles].sort())
    expect([...new Set(cases.map((c) => c.expected.verdict))].sort()).toEqual(["breaking", "compatible", "review"])
  })

  describe.concurrent.each(cases.map((c) => [`${c.rule}/${c.name}`, c] as const))("%s", (_, c) => {
    it.effect(c.expected.description, () =>
      Effect.gen(function*() {
        const r = yield* Corpus.run(c)
        expect(r.locks, r.lockOutput).toEqual(c.older ? [0, 0] : [0])
        expect(r.report.findings.map(_key).sort(), r.output).toEqual(c.expected.findings.map(_key).sort())
        const at = new Map(c.expected.findings.map((f) => [_key(f), f.at]))
        expect(r.report.findings.map((f) => _full(f, f.affects.map(_place), at.get(_key(f)) === undefined ? undefined : `${f.file}:${f.line}`)).sort(), r.output)
          .toEqual(c.expected.findings.map((f) => _full(f, f.affects ?? [_place(f)], f.at)).sort())
        r.report.findings.forEach((f) => expect(f.accept === null, f.path).toBe(f.severity !== "breaking"))
        expect(r.report.verdict).toBe(c.expected.verdict)
        expect(r.exitCode).toBe(c.expected.verdict === "breaking" ? 1 : 0)
      }).pipe(Effect.provide(NodeContext.layer)))
  })
})
