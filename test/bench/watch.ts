/**
 * Watch-mode benchmark (`npm run bench:watch`): `codegen --watch` over 50 synthesized contracts; one contract
 * is edited per round and the time from the save to codegen's report line (files written) is measured,
 * beside a cold `codegen` process over the same contracts in the same run. Not a test: a missed goal is
 * reported, never fatal.
 */
import * as Command from "@effect/platform/Command"
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { mkdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Synth } from "./_synth.js"

const _root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "")
const _bin = `${_root}/generator/cli/bin.mjs`
const _dir = `${_root}/.bench/watch`
const _flags = ["--contracts", "contracts", "--generated", "generated", "--handlers", "handlers"]
const _contracts = 50
const _goalMs = 150

const _quantile = (xs: ReadonlyArray<number>, q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

const _ms = Effect.map(Clock.currentTimeNanos, (n) => Number(n) / 1e6)

/** A cold `codegen` process over the contracts (everything written afresh): wall ms. */
const _cold = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  yield* fs.remove(`${_dir}/generated`, { recursive: true, force: true })
  const t0 = yield* _ms
  const code = yield* Command.exitCode(Command.make(process.execPath, _bin, ..._flags).pipe(Command.workingDirectory(_dir)))
  yield* code === 0 ? Effect.void : Effect.dieMessage(`codegen exited ${code}`)
  return (yield* _ms) - t0
})

/** One edited contract per round: save → report line, and the pipeline's own time from that line. */
const _watch = (rounds: number) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const proc = yield* Command.start(Command.make(process.execPath, _bin, ..._flags, "--watch").pipe(Command.workingDirectory(_dir)))
    const lines: Array<{ readonly at: number; readonly text: string }> = []
    yield* proc.stdout.pipe(
      Stream.decodeText(),
      Stream.splitLines,
      Stream.runForEach((text) => Effect.map(_ms, (at) => void lines.push({ at, text }))),
      Effect.forkScoped
    )
    const next = (from: number, pattern: RegExp) =>
      Effect.suspend(() => {
        const line = lines.slice(from).find((l) => pattern.test(l.text))
        return line === undefined ? Effect.fail(new Error(`no ${pattern} after line ${from}`)) : Effect.succeed(line)
      }).pipe(Effect.retry(Schedule.spaced("1 millis").pipe(Schedule.upTo("30 seconds"))))
    yield* next(0, /^watching /)
    return yield* Effect.forEach(Array.from({ length: rounds }, (_, r) => r), (r) =>
      Effect.gen(function*() {
        const file = `${_dir}/contracts/svc${r % _contracts}.contract.ts`
        const text = yield* fs.readFileString(file)
        yield* Effect.sleep("150 millis")
        const from = lines.length
        const t0 = yield* _ms
        yield* fs.writeFileString(file, text.replace(/Read one item of the caller's tenant\.( \(edit \d+\))?/, `Read one item of the caller's tenant. (edit ${r})`))
        const line = yield* next(from, /: wrote \d+ file\(s\) in \d+ ms/)
        return { saveToWritten: line.at - t0, pipeline: Number(/in (\d+) ms/.exec(line.text)?.[1]) }
      }))
  }).pipe(Effect.scoped)

const _main = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const rounds = yield* Config.integer("BENCH_ROUNDS").pipe(Config.withDefault(20))
  yield* fs.remove(_dir, { recursive: true, force: true })
  yield* fs.makeDirectory(`${_dir}/contracts`, { recursive: true })
  yield* Effect.forEach(Synth.files(_contracts), (f) => fs.writeFileString(`${_dir}/contracts/${f.name}`, f.content), { discard: true })
  const cold = [yield* _cold, yield* _cold, yield* _cold]
  const runs = yield* _watch(rounds)
  const save = runs.map((r) => r.saveToWritten)
  const pipeline = runs.map((r) => r.pipeline)
  const row = (what: string, xs: ReadonlyArray<number>) =>
    `| ${what.padEnd(44)} | ${[0.5, 0.9, 1].map((q) => _quantile(xs, q).toFixed(0).padStart(5)).join(" | ")} |`
  const p50 = _quantile(save, 0.5)
  yield* Console.log([
    `codegen --watch, ${_contracts} contracts, one edited per round (${rounds} rounds):`,
    "",
    `| ${"".padEnd(44)} |   p50 |   p90 |   max |`,
    `|${"-".repeat(46)}|------:|------:|------:|`,
    row("save → files written (ms)", save),
    row("  of which the pipeline (ms, its own report)", pipeline),
    row("baseline: cold `codegen` process (ms)", cold),
    "",
    `watch p50 is ${(p50 / _quantile(cold, 0.5) * 100).toFixed(0)} % of a cold run; goal ≤ ${_goalMs} ms: ${p50 <= _goalMs ? "PASS" : "FAIL"}`
  ].join("\n"))
  mkdirSync(`${_root}/.bench`, { recursive: true })
  writeFileSync(`${_root}/.bench/watch.json`, JSON.stringify({ contracts: _contracts, rounds, save, pipeline, cold }, null, 2))
})

NodeRuntime.runMain(_main.pipe(Effect.provide(NodeContext.layer)))
