/**
 * Codegen benchmark (`npm run bench:codegen`): end-to-end `codegen` child processes over 10/50/200
 * synthesized contracts, and `tsc` over them, as ratios to floors measured in the same run. Not a test:
 * a missed goal is reported, never fatal; a failing codegen or tsc run exits non-zero.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { mkdirSync, writeFileSync } from "node:fs"
import { availableParallelism } from "node:os"
import { Proc } from "./_proc.js"
import { Report } from "./_report.js"
import { Synth } from "./_synth.js"

const _sizes = [10, 50, 200] as const
const _tscSize = 50

interface _Ctx {
  readonly root: string
  readonly runs: number
  readonly fs: FileSystem.FileSystem
  readonly path: Path.Path
}

/** `node <args>` in the repository root; fails unless it exits 0 with `expected` on stdout. */
const _node$ = (ctx: _Ctx, what: string, args: ReadonlyArray<string>, expected = "") =>
  Proc.node(ctx.root, args).pipe(Effect.flatMap((r) => Proc.expect(what, r, expected)))

const _floor = (ctx: _Ctx) => _node$(ctx, "floor: node -e import('effect')", ["-e", "import('effect')"])
const _tsxStartup = (ctx: _Ctx) => _node$(ctx, "tsx startup", ["--import", "tsx", "-e", "0"])

/** Write `n` fresh contracts (and their shared schemas) into `.bench/codegen-<n>/contracts`. */
const _synthesize = Effect.fn("Bench.synthesize")(function*(ctx: _Ctx, dir: string, n: number) {
  yield* ctx.fs.remove(dir, { recursive: true, force: true })
  yield* ctx.fs.makeDirectory(ctx.path.join(dir, "contracts"), { recursive: true })
  yield* Effect.forEach(
    Synth.files(n),
    (f) => ctx.fs.writeFileString(ctx.path.join(dir, "contracts", f.name), f.content),
    { discard: true, concurrency: 8 }
  )
})

/**
 * The file-system floor of the write phase: the cold run's output files written again, plainly and
 * synchronously, into a fresh folder on the same file system (some disks here take ~0.7 ms per new file).
 */
const _writeFloor = Effect.fn("Bench.writeFloor")(function*(ctx: _Ctx, dir: string) {
  const files = yield* Effect.forEach(["generated", "handlers"], (sub) =>
    ctx.fs.readDirectory(ctx.path.join(dir, sub), { recursive: true }).pipe(
      Effect.map((names) => names.map((n) => ctx.path.join(dir, sub, n)).filter((p) => p.endsWith(".ts")))
    )).pipe(Effect.map((xs) => xs.flat()))
  const contents = yield* Effect.forEach(files, (f) => ctx.fs.readFileString(f).pipe(Effect.map((c) => ({ rel: ctx.path.relative(dir, f), c }))))
  const target = ctx.path.join(dir, "write-floor")
  yield* ctx.fs.remove(target, { recursive: true, force: true })
  const ms = yield* Effect.sync(() => {
    const t0 = performance.now()
    new Set(contents.map((x) => ctx.path.dirname(ctx.path.join(target, x.rel)))).forEach((d) => mkdirSync(d, { recursive: true }))
    contents.forEach((x) => writeFileSync(ctx.path.join(target, x.rel), x.c))
    return performance.now() - t0
  })
  yield* ctx.fs.remove(target, { recursive: true, force: true })
  return ms
})

/**
 * One repetition for one size: floor, tsx startup, a warm-up (`codegen --help` and `--check`, so a generator
 * edited since the last run is re-bundled before, not during, the measurements), cold run, nothing-changed
 * run, `--check` run.
 */
const _repetition = Effect.fn("Bench.repetition")(function*(ctx: _Ctx, rel: string) {
  const dir = ctx.path.join(ctx.root, rel)
  const args = (...extra: ReadonlyArray<string>) => [
    "generator/cli/bin.mjs",
    "generate",
    "--contracts",
    `${rel}/contracts`,
    "--generated",
    `${rel}/generated`,
    "--handlers",
    `${rel}/handlers`,
    "--timings",
    ...extra
  ]
  const floor = yield* _floor(ctx)
  const tsx = yield* _tsxStartup(ctx)
  // Not measured: `--help` re-bundles a generator edited since the last run (~1 s), then a `--check` lets the
  // bin's V8 code caches settle on what a real run compiles. Both happen once per generator version.
  yield* _node$(ctx, "warm-up: codegen --help", ["generator/cli/bin.mjs", "--help"])
  yield* Proc.node(ctx.root, args("--check")).pipe(
    Effect.flatMap((r) => r.exitCode <= 1 ? Effect.void : Proc.fail(`warm-up: codegen --check exited ${r.exitCode}`))
  )
  yield* ctx.fs.remove(ctx.path.join(dir, "generated"), { recursive: true, force: true })
  yield* ctx.fs.remove(ctx.path.join(dir, "handlers"), { recursive: true, force: true })
  const cold = yield* _node$(ctx, `cold codegen (${rel})`, args(), ", wrote ")
  const unchanged = yield* _node$(ctx, `nothing-changed codegen (${rel})`, args(), "nothing to write")
  const check = yield* _node$(ctx, `codegen --check (${rel})`, args("--check"), "all up to date")
  const writeFloor = yield* _writeFloor(ctx, dir)
  const files = Number(/(\d+) file\(s\)/.exec(cold.stdout)?.[1] ?? Number.NaN)
  return {
    floor,
    tsx,
    files,
    writeFloor,
    cold: { ...cold, timings: yield* Proc.timings("cold codegen", cold) },
    unchanged: { ...unchanged, timings: yield* Proc.timings("nothing-changed codegen", unchanged) },
    check: { ...check, timings: yield* Proc.timings("codegen --check", check) }
  }
})

/** Every measurement of one size, repeated `runs` times; leaves the generated output on disk. */
const _size = Effect.fn("Bench.size")(function*(ctx: _Ctx, n: number) {
  const rel = `.bench/codegen-${n}`
  yield* _synthesize(ctx, ctx.path.join(ctx.root, rel), n)
  const reps = yield* Effect.forEach(Array.from({ length: ctx.runs }), () => _repetition(ctx, rel))
  const floor = Proc.summary(reps.map((r) => r.floor.ms))
  const cold = Proc.summary(reps.map((r) => r.cold.ms))
  const floorCpu = Proc.summary(reps.map((r) => r.floor.cpuMs))
  const coldCpu = Proc.summary(reps.map((r) => r.cold.cpuMs))
  yield* Console.error(`  N=${n}: cold ${cold.median} ms (cpu ${coldCpu.median}), floor ${floor.median} ms (cpu ${floorCpu.median})`)
  return {
    size: {
      n,
      files: reps[0]?.files ?? 0,
      floor,
      cold,
      ratio: cold.median / floor.median,
      floorCpu,
      coldCpu,
      cpuRatio: coldCpu.median / floorCpu.median,
      coldPhases: Proc.phases(reps.map((r) => r.cold.timings)),
      writeFloor: Proc.summary(reps.map((r) => r.writeFloor)),
      unchanged: Proc.summary(reps.map((r) => r.unchanged.ms)),
      unchangedCpu: Proc.summary(reps.map((r) => r.unchanged.cpuMs)),
      unchangedPhases: Proc.phases(reps.map((r) => r.unchanged.timings)),
      check: Proc.summary(reps.map((r) => r.check.ms)),
      checkPhases: Proc.phases(reps.map((r) => r.check.timings))
    } satisfies Report.Size,
    floors: reps.map((r) => r.floor),
    tsx: reps.map((r) => r.tsx.ms)
  }
})

/** `tsc --noEmit` over the contracts alone vs contracts + generated + handlers, alternated `runs` times. */
const _tsc = Effect.fn("Bench.tsc")(function*(ctx: _Ctx, n: number) {
  const rel = `.bench/codegen-${n}`
  const config = (name: string, include: ReadonlyArray<string>) =>
    ctx.fs.writeFileString(
      ctx.path.join(ctx.root, rel, name),
      JSON.stringify({ extends: "../../tsconfig.json", include }, null, 2) + "\n"
    ).pipe(Effect.as(`${rel}/${name}`))
  const contractsOnly = yield* config("tsconfig.contracts.json", ["contracts"])
  const all = yield* config("tsconfig.all.json", ["contracts", "generated", "handlers"])
  const tsc = (project: string) =>
    _node$(ctx, `tsc -p ${project}`, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", project]).pipe(
      Effect.map((r) => ({ ms: r.ms, cpuMs: r.cpuMs }))
    )
  const reps = yield* Effect.forEach(
    Array.from({ length: ctx.runs }),
    () => Effect.all({ contracts: tsc(contractsOnly), all: tsc(all) })
  )
  const contracts = Proc.summary(reps.map((r) => r.contracts.ms))
  const both = Proc.summary(reps.map((r) => r.all.ms))
  const contractsCpu = Proc.summary(reps.map((r) => r.contracts.cpuMs))
  const allCpu = Proc.summary(reps.map((r) => r.all.cpuMs))
  yield* Console.error(`  tsc N=${n}: contracts ${contracts.median} ms (cpu ${contractsCpu.median}), all ${both.median} ms (cpu ${allCpu.median})`)
  return {
    n,
    contracts,
    all: both,
    ratio: both.median / contracts.median,
    contractsCpu,
    allCpu,
    cpuRatio: allCpu.median / contractsCpu.median
  } satisfies Report.Tsc
})

const _main = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const root = path.resolve(yield* path.fromFileUrl(new URL("../..", import.meta.url)))
  const runs = yield* Config.integer("BENCH_RUNS").pipe(Config.withDefault(3))
  const ctx: _Ctx = { root, runs: Math.max(1, runs), fs, path }
  yield* Console.error(`codegen benchmark: ${_sizes.join(", ")} contracts × ${ctx.runs} run(s), in ${root}/.bench`)
  const results = yield* Effect.forEach(_sizes, (n) =>
    _size(ctx, n).pipe(
      Effect.tapError((e) => Console.error(`  N=${n}: FAILED\n${e.message}`)),
      Effect.either
    ))
  const sizes = results.flatMap((r) => Either.isRight(r) ? [r.right] : [])
  const tscResult = sizes.some((s) => s.size.n === _tscSize)
    ? yield* _tsc(ctx, _tscSize).pipe(Effect.tapError((e) => Console.error(`  tsc: FAILED\n${e.message}`)), Effect.either)
    : Either.right(undefined)
  const tsc = Either.getOrUndefined(tscResult)
  const failures = [
    ...results.flatMap((r, i) => Either.isLeft(r) ? [{ what: `N=${_sizes[i]}`, message: r.left.message.split("\n")[0]! }] : []),
    ...(Either.isLeft(tscResult) ? [{ what: `tsc N=${_tscSize}`, message: tscResult.left.message.split("\n")[0]! }] : [])
  ]
  const report: Report = {
    date: DateTime.formatIso(yield* DateTime.now),
    node: process.version,
    cpus: availableParallelism(),
    runs: ctx.runs,
    floor: Proc.summary(sizes.flatMap((s) => s.floors.map((f) => f.ms))),
    floorCpu: Proc.summary(sizes.flatMap((s) => s.floors.map((f) => f.cpuMs))),
    tsx: Proc.summary(sizes.flatMap((s) => s.tsx)),
    sizes: sizes.map((s) => s.size),
    failures,
    tsc
  }
  yield* Console.log(Report.lines(report).join("\n"))
  const out = path.join(root, ".bench", "codegen.json")
  yield* fs.writeFileString(out, JSON.stringify(Report.json(report), null, 2) + "\n")
  yield* Console.log(`wrote ${path.relative(root, out)}`)
  yield* failures.length === 0 ? Effect.void : Proc.fail(`failed: ${failures.map((f) => f.what).join(", ")} (see above)`)
})

NodeRuntime.runMain(_main.pipe(Effect.provide(NodeContext.layer)))
