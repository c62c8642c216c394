/**
 * Workflow benchmark (`npm run bench:workflows`): the saga app's 3-step workflow on 2 real pods against one
 * PostgreSQL (embedded unless `DATABASE_URL` is set) — call → result latency and runs/s with N callers through
 * both pods — beside the same three steps' SQL issued directly, in the same run. Not a test: a missed goal
 * is reported, never fatal.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { availableParallelism, loadavg } from "node:os"
import { Postgres } from "../../runtime/postgres/Postgres.js"
import type { Pods } from "../runtime/cluster/Pods.js"
import { Saga } from "../runtime/workflows/app/Saga.js"
import { SagaPods } from "../runtime/workflows/SagaPods.js"
import { ClusterPods } from "./_clusterPods.js"
import { ClusterReport } from "./_clusterReport.js"
import { ClusterSql } from "./_clusterSql.js"
import { WorkflowsPods } from "./_workflowsPods.js"

const _settings = Config.all({
  /** Callers in flight, split over both pods (and the baseline's pool size). */
  concurrency: Config.integer("BENCH_CONCURRENCY").pipe(Config.withDefault(8)),
  seconds: Config.number("BENCH_SECONDS").pipe(Config.withDefault(5)),
  rounds: Config.integer("BENCH_ROUNDS").pipe(Config.withDefault(3))
})

/** The published figure for a similar 3-step flow (Restate): workflow p50 at most this. */
const _goalP50 = 50

interface _Ctx extends Config.Config.Success<typeof _settings> {
  readonly url: string
  readonly pods: ReadonlyArray<Pods.Pod>
}

/** The measured paths, baseline first; `pods`: whether the pods' CPU is the path's cost. */
const _paths = {
  steps: {
    name: "baseline: the 3 steps' SQL (6 sequential INSERTs into saga_log, @effect/sql-pg)",
    pods: false,
    run: (ctx: _Ctx, prefix: string, ms: number) => WorkflowsPods.steps(ctx.url, prefix, ctx.concurrency, ms)
  },
  workflow: {
    name: "workflow: 3-step saga, POST /run → result (2 pods)",
    pods: true,
    run: (ctx: _Ctx, prefix: string, ms: number) => WorkflowsPods.workflow(ctx.pods, prefix, ctx.concurrency, ms)
  },
  http: {
    name: "HTTP floor: GET /local on the same pods (no SQL)",
    pods: true,
    run: (ctx: _Ctx, prefix: string, ms: number) => WorkflowsPods.http(ctx.pods, prefix, ctx.concurrency, ms)
  }
} as const
type _Kind = keyof typeof _paths
const _kinds = Object.keys(_paths) as ReadonlyArray<_Kind>

/** One path for `ms`: its samples, runs/s, and the pods' CPU per run (NaN when the pods are not involved). */
const _measure = Effect.fn("Bench.workflows.measure")(function*(ctx: _Ctx, kind: _Kind, prefix: string, ms: number) {
  const cpu0 = yield* ClusterPods.cpuMs(ctx.pods)
  const run = yield* _paths[kind].run(ctx, prefix, ms)
  const cpu = (yield* ClusterPods.cpuMs(ctx.pods)) - cpu0
  yield* Effect.when(Console.error(`  ${kind}: ${run.errors.length} failed call(s), first: ${run.errors[0]}`), () => run.errors.length > 0)
  return {
    kind,
    samples: run.samples,
    runsPerSec: run.samples.length / (run.ms / 1000),
    errors: run.errors.length,
    cpuMsPerRun: _paths[kind].pods ? cpu / Math.max(1, run.samples.length) : Number.NaN
  }
})

/** Every path once per round, in a rotated order so no path always runs first (these machines drift). */
const _rounds = (ctx: _Ctx) =>
  Effect.forEach(Array.from({ length: ctx.rounds }, (_, r) => r), (r) =>
    Effect.forEach([..._kinds.slice(r % _kinds.length), ..._kinds.slice(0, r % _kinds.length)], (kind) =>
      _measure(ctx, kind, `${kind}-r${r}`, ctx.seconds * 1000).pipe(
        Effect.tap((m) =>
          Console.error(
            `  round ${r + 1}: ${kind} ${m.runsPerSec.toFixed(1)} runs/s, ` +
              `p50 ${ClusterReport.percentile(m.samples.map((s) => s.ms), 0.5).toFixed(1)} ms`
          )
        )
      ))).pipe(Effect.map((runs) => runs.flat()))

const _f = (x: number, digits = 1): string => Number.isNaN(x) ? "–" : x.toFixed(digits)

/** A markdown table: the first column left-aligned, the others right-aligned. */
const _table = (columns: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> => [
  `| ${columns.join(" | ")} |`,
  `|${columns.map((_, c) => c === 0 ? "---" : "--:").join("|")}|`,
  ...rows.map((row) => `| ${row.join(" | ")} |`)
]

const _program = Effect.gen(function*() {
  const settings = yield* _settings
  const server = yield* Postgres.Server
  const db = yield* Postgres.database("bench_workflows")
  const loadBefore = loadavg()
  yield* ClusterSql.withSql(db.url, (sql) => Effect.forEach(Saga.tables, (ddl) => sql.unsafe(ddl), { discard: true }))
  yield* Console.error(`PostgreSQL (${server.provider}): starting 2 saga pods…`)
  const pods = yield* SagaPods.startAll(db.url, ["pod1", "pod2"]).pipe(Effect.orDie)
  const ctx: _Ctx = { ...settings, url: db.url, pods }
  yield* ClusterPods.ready(pods)
  yield* Console.error("warm-up (shards settle, entities start, JIT)…")
  yield* Effect.forEach(_kinds, (kind) => _measure(ctx, kind, `warm-${kind}`, 3000), { discard: true })
  const runs = yield* _rounds(ctx)
  const rows = _kinds.map((kind) => {
    const mine = runs.filter((m) => m.kind === kind)
    const latency = ClusterReport.pcts(mine.flatMap((m) => m.samples.map((s) => s.ms)))
    return {
      kind,
      name: _paths[kind].name,
      runsPerSec: ClusterReport.median(mine.map((m) => m.runsPerSec)),
      roundsRunsPerSec: mine.map((m) => m.runsPerSec),
      latency,
      errors: mine.reduce((a, m) => a + m.errors, 0),
      cpuMsPerRun: ClusterReport.median(mine.map((m) => m.cpuMsPerRun))
    }
  })
  const base = rows.find((r) => r.kind === "steps")!
  const flow = rows.find((r) => r.kind === "workflow")!
  const phases = yield* WorkflowsPods.breakdown(db.url, "workflow-r", runs.filter((m) => m.kind === "workflow").flatMap((m) => m.samples))
  const loadAfter = loadavg()
  const report = {
    date: DateTime.formatIso(yield* DateTime.now),
    node: process.version,
    cpus: availableParallelism(),
    loadavg: { before: loadBefore, after: loadAfter },
    server: server.provider,
    concurrency: ctx.concurrency,
    seconds: ctx.seconds,
    rounds: ctx.rounds,
    rows: rows.map((r) => ({ ...r, ratio: r.runsPerSec / base.runsPerSec })),
    workflowPhases: phases,
    goal: { workflowP50Ms: _goalP50, measuredP50Ms: flow.latency.p50, met: flow.latency.p50 <= _goalP50 }
  }
  const lines = [
    `Workflows: ${ctx.concurrency} caller${ctx.concurrency === 1 ? "" : "s"} through 2 pods, ${ctx.rounds} rounds × ${ctx.seconds} s, ${report.server} PostgreSQL, ` +
    `${report.cpus} cores, load ${loadBefore.map((x) => x.toFixed(2)).join(" ")} → ${loadAfter.map((x) => x.toFixed(2)).join(" ")}`,
    "",
    ..._table(
      ["path", "runs/s", "p50 ms", "p99 ms", "ratio to baseline (runs/s)", "pod CPU ms/run", "failed"],
      report.rows.map((r) => [r.name, _f(r.runsPerSec), _f(r.latency.p50), _f(r.latency.p99), `${r.ratio.toFixed(2)}×`, _f(r.cpuMsPerRun), String(r.errors)])
    ),
    "",
    "where a workflow run's time goes (p50 of each phase; share of the mean):",
    ..._table(["phase", "p50 ms", "share"], phases.map((p) => [p.name, _f(p.p50), `${(p.share * 100).toFixed(0)} %`])),
    "",
    `goal: workflow p50 ≤ ${_goalP50} ms (Restate's published figure): ${report.goal.met ? "PASS" : "FAIL"} (${_f(flow.latency.p50)} ms)`
  ]
  yield* Console.log(lines.join("\n"))
  const fs = yield* FileSystem.FileSystem
  yield* fs.makeDirectory(".bench", { recursive: true })
  yield* fs.writeFileString(".bench/workflows.json", JSON.stringify(report, null, 2) + "\n")
  yield* Console.log("wrote .bench/workflows.json")
})

_program.pipe(
  Effect.scoped,
  Effect.provide(Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)),
  NodeRuntime.runMain
)
