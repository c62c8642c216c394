/**
 * The compat corpus: `test/compat/corpus/<RULE_ID>/<case>/` folders holding `previous/` (and optionally `older/`)
 * and `current/` contracts with `expected.json`. Runs a case as users do: `lock` each earlier version,
 * then `compat --format json` on the current one, in-process, capturing the output. Test-only.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { CompatCommand } from "../../generator/compat/CompatCommand.js"
import type { Config } from "../../generator/Config.js"
import { Scratch } from "./Scratch.js"

const _Finding = Schema.Struct({
  rule: Schema.String,
  path: Schema.String,
  direction: Schema.String,
  severity: Schema.Literal("breaking", "warning"),
  role: Schema.String
})

/**
 * `affects`: `path (role, direction)` of every slot the finding affects (default: its own path only);
 * `at`: its `file:line`, relative to the case folder (checked when given).
 */
const _ExpectedFinding = Schema.Struct({
  ..._Finding.fields,
  affects: Schema.optional(Schema.Array(Schema.String)),
  at: Schema.optional(Schema.String)
})

const _Expected = Schema.Struct({
  description: Schema.String,
  verdict: Schema.Literal("compatible", "review", "breaking"),
  findings: Schema.Array(_ExpectedFinding),
  config: Schema.optional(Schema.Struct({ validationChanged: Schema.Literal("warning", "error") }))
})

const _Affected = Schema.Struct({ slot: Schema.String, path: Schema.String, role: Schema.String, direction: Schema.String, file: Schema.String, line: Schema.Number })

const _Report = Schema.Struct({
  verdict: Schema.String,
  findings: Schema.Array(Schema.Struct({
    ..._Finding.fields,
    slot: Schema.String,
    file: Schema.String,
    line: Schema.Number,
    affects: Schema.Array(_Affected),
    accept: Schema.NullOr(Schema.String)
  }))
})

const _root = `${Scratch.root}/test/compat/corpus`

/** Every case folder, sorted by rule then case name, with its expectations. */
const cases = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const rules = (yield* fs.readDirectory(_root)).filter((r) => /^[A-Z_]+$/.test(r)).sort()
  const all = yield* Effect.forEach(rules, (rule) =>
    fs.readDirectory(path.join(_root, rule)).pipe(Effect.flatMap((names) =>
      Effect.forEach(names.sort(), (name) => {
        const dir = path.join(_root, rule, name)
        return Effect.all({
          expected: fs.readFileString(path.join(dir, "expected.json")).pipe(Effect.flatMap(Schema.decodeUnknown(Schema.parseJson(_Expected)))),
          older: fs.exists(path.join(dir, "older"))
        }).pipe(Effect.map(({ expected, older }): Corpus.Case => ({ rule, name, dir, expected, older })))
      })
    )))
  return all.flat()
})

/** Run `effect` with `console.log` / `console.error` collected into `lines`. */
const _captured = <A, E, R>(effect: Effect.Effect<A, E, R>, lines: Array<string>) =>
  Effect.flatMap(Effect.console, (base) => {
    const push = (...args: ReadonlyArray<unknown>) => Effect.sync(() => void lines.push(args.map(String).join(" ")))
    return Console.withConsole(effect, { ...base, log: push, error: push })
  })

/** `lock` each earlier version into a scratch lockfile, then `compat --format json` on `current/`. */
const run = (c: Corpus.Case) =>
  Effect.gen(function*() {
    const scratch = yield* Scratch.make(`corpus-${c.rule}-${c.name}-`)
    const paths = (version: string): Config.Full => ({
      cwd: c.dir,
      contracts: `${c.dir}/${version}`,
      generated: `${scratch.dir}/generated`,
      handlers: `${scratch.dir}/handlers`,
      lock: `${scratch.dir}/contracts.lock.json`,
      compat: { validationChanged: c.expected.config?.validationChanged ?? "warning" }
    })
    const lockLines: Array<string> = []
    const locks = yield* Effect.forEach([...(c.older ? ["older"] : []), "previous"], (v) => _captured(CompatCommand.lock(paths(v), [], undefined), lockLines))
    const lines: Array<string> = []
    const exitCode = yield* _captured(CompatCommand.compat(paths("current"), "json"), lines)
    const report = yield* Schema.decodeUnknown(Schema.parseJson(_Report))(lines.join("\n"))
    return { locks, lockOutput: lockLines.join("\n"), exitCode, report, output: lines.join("\n") }
  }).pipe(Effect.scoped)

export const Corpus = { cases, run } as const

export declare namespace Corpus {
  interface Case {
    readonly rule: string
    readonly name: string
    readonly dir: string
    readonly expected: typeof _Expected.Type
    readonly older: boolean
  }
}
