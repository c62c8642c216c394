/**
 * The assertion behind test/errors*.test.ts: a run over bad contracts fails with `ContractErrors` naming
 * the right file, line, message and hint, and leaves every file of its scratch folder untouched. Test-only.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert, expect } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Pipeline } from "../../generator/Pipeline.js"
import { Scratch } from "./Scratch.js"

/** One error a run must report: `at` is a line number or a text found on the offending line. */
export interface Expected {
  /** File name inside `contracts/`; `""` for the folder itself. */
  readonly file: string
  readonly at: string | number
  /** Which occurrence of `at` (default: the first). */
  readonly nth?: number
  readonly message: RegExp
  readonly hint: RegExp
}

/**
 * Run the pipeline over `contracts` (file name → source) plus `others` (any other files of the scratch
 * folder); assert it fails with `expected` (exactly those errors unless `exact` is false) and writes nothing.
 */
export const rejects = (
  contracts: Readonly<Record<string, string>>,
  expected: ReadonlyArray<Expected>,
  options: { readonly others?: Readonly<Record<string, string>>; readonly exact?: boolean } = {}
) =>
  Effect.gen(function*() {
    const files = Object.fromEntries(Object.entries(contracts).map(([name, source]) => [`contracts/${name}`, source]))
    const s = yield* Scratch.make("errors-", { ...options.others, ...files })
    const before = yield* Scratch.snapshot(s.dir)
    const result = yield* Effect.either(Pipeline.run(s.paths, { check: false }))
    assert(Either.isLeft(result) && result.left._tag === "ContractErrors", `expected ContractErrors, got ${String(result)}`)
    const actual = result.left.errors.map((e) => ({ file: s.rel(e.file), line: e.line, message: e.message, hint: e.hint }))
    const wanted = expected.map((x) => ({
      file: x.file === "" ? "contracts" : `contracts/${x.file}`,
      line: typeof x.at === "number" ? x.at : Scratch.lineOf(contracts[x.file] ?? "", x.at, x.nth),
      message: expect.stringMatching(x.message),
      hint: expect.stringMatching(x.hint)
    }))
    expect(actual).toEqual(expect.arrayContaining(wanted))
    options.exact === false || expect(actual).toHaveLength(expected.length)
    expect(yield* Scratch.snapshot(s.dir), "nothing is written, changed or removed").toStrictEqual(before)
    return result.left
  }).pipe(Effect.scoped, Effect.provide(NodeContext.layer))
