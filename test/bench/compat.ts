/**
 * Compat benchmark (`node --import tsx test/bench/compat.ts`): `codegen compat` over 50 synthesized
 * contracts, every one of them edited since the lockfile: in-process (goal: the check ≤ 1 s) and as a
 * `codegen compat` process beside the `node -e import('effect')` floor. Reports; a missed goal is not fatal.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Compat } from "../../generator/compat/Compat.js"
import { Lockfile } from "../../generator/compat/Lockfile.js"
import { Report } from "../../generator/compat/Report.js"
import { Slots } from "../../generator/compat/Slots.js"
import type { Config } from "../../generator/Config.js"
import { Pipeline } from "../../generator/Pipeline.js"
import { Proc } from "./_proc.js"
import { Synth } from "./_synth.js"

const _n = 50
const _runs = 15
const _goalMs = 1000

const _ms = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const t0 = yield* Clock.currentTimeNanos
    const value = yield* effect
    return { value, ms: Number((yield* Clock.currentTimeNanos) - t0) / 1e6 }
  })

/** Edits in every contract: a tightened filter and a new value in the shared item class, a new optional field. */
const _edits: ReadonlyArray<readonly [string, string]> = [
  ["Schema.String.pipe(Schema.maxLength(200))", "Schema.String.pipe(Schema.maxLength(100))"],
  [`Schema.Literal("draft", "active", "archived")`, `Schema.Literal("draft", "active", "archived", "deleted")`],
  ["reason: Schema.String, archivedAt", "reason: Schema.String, note: Schema.optional(Schema.String), archivedAt"]
]

/** `.bench/compat-50/{previous,current}/`: 50 synthesized contracts, and the same with every contract edited. */
const _contracts = Effect.fn("BenchCompat.contracts")(function*(root: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const dir = path.join(root, ".bench", `compat-${_n}`)
  yield* fs.remove(dir, { recursive: true, force: true })
  const write = (version: string, edit: (text: string) => string) =>
    fs.makeDirectory(path.join(dir, version), { recursive: true }).pipe(Effect.zipRight(
      Effect.forEach(Synth.files(_n), (f) => fs.writeFileString(path.join(dir, version, f.name), edit(f.content)), { discard: true })
    ))
  yield* write("previous", (text) => text)
  yield* write("current", (text) => _edits.reduce((t, [from, to]) => t.replaceAll(from, to), text))
  return { dir, previous: path.join(dir, "previous"), current: path.join(dir, "current") }
})

const program = Effect.gen(function*() {
  const path = yield* Path.Path
  const fs = yield* FileSystem.FileSystem
  const root = path.resolve(path.dirname(yield* path.fromFileUrl(new URL(import.meta.url))), "..", "..")
  const dirs = yield* _contracts(root)
  const lock = path.join(dirs.dir, "contracts.lock.json")
  const paths = (contracts: string): Config.Full => ({
    cwd: root,
    contracts,
    generated: path.join(dirs.dir, "generated"),
    handlers: path.join(dirs.dir, "handlers"),
    lock,
    compat: { validationChanged: "warning" }
  })
  const previous = yield* _ms(Pipeline.ir(paths(dirs.previous), new Map()))
  const locked = yield* _ms(Lockfile.write(lock, Lockfile.record(undefined, Slots.fromIr(previous.value), [])))
  const current = yield* _ms(Pipeline.ir(paths(dirs.current), new Map()))
  const slots = Slots.fromIr(current.value)
  const check = _ms(Lockfile.read(lock).pipe(Effect.map((l) => {
    const result = Compat.compare(l!, slots, paths(dirs.current).compat)
    return { findings: result.findings.length, text: Report.text({ ...result, lockfile: "contracts.lock.json" }).length }
  })))
  const checks = yield* Effect.forEach(Array.from({ length: _runs }), () => check)
  const rel = (p: string) => path.relative(root, p)
  const proc = yield* Effect.forEach(Array.from({ length: 5 }), () =>
    Proc.node(root, ["generator/cli/bin.mjs", "compat", "--contracts", rel(dirs.current), "--lock", rel(lock)]))
  const floor = yield* Effect.forEach(Array.from({ length: 5 }), () => Proc.node(root, ["-e", "import('effect')"]))
  yield* proc.every((r) => r.exitCode === 1 && r.stdout.includes("BREAKING")) ? Effect.void : Proc.fail(`codegen compat: ${proc[0]?.stderr}`)
  const report = {
    contracts: current.value.contracts.length,
    slots: slots.length,
    findings: checks[0]!.value.findings,
    lockfileBytes: (yield* fs.stat(lock)).size.toString(),
    inProcess: {
      loadAndIrMs: Math.round(current.ms),
      lockWriteMs: Math.round(locked.ms),
      check: Proc.summary(checks.map((x) => x.ms))
    },
    process: { compat: Proc.summary(proc.map((r) => r.ms)), floor: Proc.summary(floor.map((r) => r.ms)) }
  }
  yield* fs.writeFileString(path.join(root, ".bench", "compat.json"), `${JSON.stringify(report, null, 2)}\n`)
  const checkMs = report.inProcess.check.median
  yield* Console.log([
    `compat over ${report.contracts} contracts (${report.slots} schema slots, every contract edited: ${report.findings} findings):`,
    `  in-process check (read the lockfile, compare every slot, render the report): median ${checkMs} ms` +
    ` — goal ≤ ${_goalMs} ms: ${checkMs <= _goalMs ? "met" : "MISSED"}`,
    `  loading the 50 contracts and building the IR (shared with codegen): ${report.inProcess.loadAndIrMs} ms`,
    `  process \`codegen compat\`: median ${report.process.compat.median} ms (floor \`node -e import('effect')\`: ${report.process.floor.median} ms)`,
    "  written to .bench/compat.json"
  ].join("\n"))
})

NodeRuntime.runMain(program.pipe(Effect.provide(NodeContext.layer)))
