/**
 * Cluster benchmark (`npm run bench:cluster`): persisted request/reply on 2 real pods against one
 * PostgreSQL (embedded unless `DATABASE_URL` is set), next to the same SQL cycle issued directly in the
 * same run, and a hand-written entity; send → handler latency before and after. Not a test: a missed goal
 * is reported, never fatal.
 */
import type * as CommandExecutor from "@effect/platform/CommandExecutor"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as FileSystem from "@effect/platform/FileSystem"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { availableParallelism } from "node:os"
import { Postgres } from "../../runtime/postgres/Postgres.js"
import { ClusterLatency } from "./_clusterLatency.js"
import { ClusterPods } from "./_clusterPods.js"
import { ClusterReport } from "./_clusterReport.js"
import { ClusterSql } from "./_clusterSql.js"

const _settings = Config.all({
  /** Callers in flight: the SQL client's pool size, and half of it inside each pod. */
  concurrency: Config.integer("BENCH_CONCURRENCY").pipe(Config.withDefault(8)),
  seconds: Config.number("BENCH_SECONDS").pipe(Config.withDefault(6)),
  rounds: Config.integer("BENCH_ROUNDS").pipe(Config.withDefault(3)),
  /** Calls per pod and target in the latency phase. */
  latencyCalls: Config.integer("BENCH_LATENCY_CALLS").pipe(Config.withDefault(150))
})

interface _Ctx extends Config.Config.Success<typeof _settings> {
  readonly url: string
  readonly pods: ReadonlyArray<ClusterPods.Pod>
}

const _Load = Schema.Struct({
  pod: Schema.String,
  ms: Schema.Number,
  errors: Schema.Number,
  firstError: Schema.String,
  latencies: Schema.Array(Schema.Number),
  local: Schema.Array(Schema.Boolean)
})

/** The probe app's tables, made before the pods start (two pods creating them at once can collide). */
const _probeTables = (sql: SqlClient.SqlClient) =>
  Effect.all([
    sql`CREATE TABLE IF NOT EXISTS probe_effects (
      message_id text PRIMARY KEY, pod text NOT NULL, attempts int NOT NULL DEFAULT 1, at timestamptz NOT NULL DEFAULT now())`,
    sql`CREATE TABLE IF NOT EXISTS probe_ticks (pod text NOT NULL, scheduled timestamptz, at timestamptz NOT NULL DEFAULT clock_timestamp())`
  ], { discard: true })

const _targets = { generated: "generated", "raw-entity": "raw" } as const

/** One kind's run: its round summary and its request → reply latencies (split by pod for the cluster). */
interface _Measured {
  readonly round: ClusterReport.Round
  readonly all: ReadonlyArray<number>
  readonly same: ReadonlyArray<number>
  readonly cross: ReadonlyArray<number>
}

/** Both pods send for `ms`, `concurrency / 2` callers each; CPU is both pods' processes. */
const _cluster = Effect.fn("Bench.cluster")(function*(ctx: _Ctx, kind: "generated" | "raw-entity", prefix: string, ms: number) {
  const cpu0 = yield* ClusterPods.cpuMs(ctx.pods)
  const loads = yield* Effect.forEach(ctx.pods, (pod) =>
    ClusterPods.post(
      pod,
      `/bench/load?target=${_targets[kind]}&ms=${ms}&concurrency=${Math.max(1, ctx.concurrency / 2)}` +
        `&prefix=${prefix}-${pod.name}&entities=64`,
      _Load
    ), { concurrency: "unbounded" })
  const cpu = (yield* ClusterPods.cpuMs(ctx.pods)) - cpu0
  const all = loads.flatMap((l) => l.latencies)
  const pick = (local: boolean) => loads.flatMap((l) => l.latencies.filter((_, i) => l.local[i] === local))
  const elapsed = Math.max(...loads.map((l) => l.ms))
  yield* Effect.forEach(loads.filter((l) => l.errors > 0), (l) => Console.error(`  ${l.pod}: ${l.errors} error(s): ${l.firstError}`))
  const round: ClusterReport.Round = {
    msgPerSec: all.length / (elapsed / 1000),
    n: all.length,
    ms: elapsed,
    errors: loads.reduce((a, l) => a + l.errors, 0),
    cpuMsPerMsg: cpu / all.length
  }
  const measured: _Measured = { round, all, same: pick(true), cross: pick(false) }
  return measured
})

/** The SQL cycle at the same concurrency, from this process (@effect/sql-pg) or a plain node one. */
const _sql = Effect.fn("Bench.sql")(function*(ctx: _Ctx, kind: "sql-raw" | "sql-effect", prefix: string, ms: number) {
  const run = yield* (kind === "sql-raw" ? ClusterSql.raw : ClusterSql.effect)(ctx.url, ctx.concurrency, ms, prefix).pipe(Effect.orDie)
  const round: ClusterReport.Round = {
    msgPerSec: run.latencies.length / (run.ms / 1000),
    n: run.latencies.length,
    ms: run.ms,
    errors: 0,
    cpuMsPerMsg: run.cpuMs / run.latencies.length
  }
  const measured: _Measured = { round, all: run.latencies, same: [], cross: [] }
  return measured
})

const _kinds = [
  ["sql-raw", "SQL cycle, node-postgres"],
  ["sql-effect", "SQL cycle, @effect/sql-pg"],
  ["generated", "generated Probe.Hit (2 pods)"],
  ["raw-entity", "hand-written entity (2 pods)"]
] as const

const _measure = (ctx: _Ctx, kind: ClusterReport.Kind, prefix: string, ms: number): Effect.Effect<
  _Measured,
  never,
  FileSystem.FileSystem | HttpClient.HttpClient | CommandExecutor.CommandExecutor
> =>
  kind === "sql-raw" || kind === "sql-effect" ? _sql(ctx, kind, prefix, ms) : _cluster(ctx, kind, prefix, ms)

/** Every kind once per round, in a rotated order so no kind always runs first (these machines drift). */
const _throughput = Effect.fn("Bench.throughput")(function*(ctx: _Ctx) {
  const runs = yield* Effect.forEach(Array.from({ length: ctx.rounds }, (_, r) => r), (r) =>
    Effect.forEach([..._kinds.slice(r % _kinds.length), ..._kinds.slice(0, r % _kinds.length)], ([kind]) =>
      _measure(ctx, kind, `${kind}-r${r}`, ctx.seconds * 1000).pipe(
        Effect.tap((m) => Console.error(`  round ${r + 1}: ${kind} ${m.round.msgPerSec.toFixed(0)} msg/s`)),
        Effect.map((m) => ({ kind, ...m }))
      )))
  return _kinds.map(([kind, name]): ClusterReport.Throughput => {
    const mine = runs.flat().filter((m) => m.kind === kind)
    const base = { kind, name, rounds: mine.map((m) => m.round), latency: ClusterReport.pcts(mine.flatMap((m) => m.all)) }
    return kind === "generated" || kind === "raw-entity"
      ? { ...base, same: ClusterReport.pcts(mine.flatMap((m) => m.same)), cross: ClusterReport.pcts(mine.flatMap((m) => m.cross)) }
      : base
  })
})

const _program = Effect.gen(function*() {
  const settings = yield* _settings
  const server = yield* Postgres.Server
  const db = yield* Postgres.database("bench_cluster")
  yield* ClusterSql.withSql(db.url, _probeTables)
  yield* Console.error(`PostgreSQL (${server.provider}): starting 2 pods…`)
  const pod1 = yield* ClusterPods.start("pod1", db.url, {})
  const pod2 = yield* ClusterPods.start("pod2", db.url, {})
  const ctx: _Ctx = { ...settings, url: db.url, pods: [pod1, pod2] }
  yield* ClusterPods.ready(ctx.pods)
  yield* ClusterSql.withSql(db.url, ClusterSql.setup)
  yield* Console.error("warm-up (shards settle, entities start, JIT)…")
  yield* Effect.forEach(_kinds, ([kind]) => _measure(ctx, kind, `warm-${kind}`, 2500), { discard: true })
  const latencies = (phase: ClusterReport.Phase) =>
    Console.error(`latency (${phase})…`).pipe(
      Effect.zipRight(Effect.forEach(["volatile", "generated", "raw"] as const, (t) => ClusterLatency.measure(ctx, t, phase)))
    )
  const fresh = yield* latencies("fresh")
  const throughput = yield* _throughput(ctx)
  const tableAfterLoad = yield* ClusterLatency.tableState(db.url)
  const afterLoad = yield* latencies("after load")
  const report: ClusterReport = {
    date: DateTime.formatIso(yield* DateTime.now),
    node: process.version,
    cpus: availableParallelism(),
    server: server.provider,
    concurrency: ctx.concurrency,
    seconds: ctx.seconds,
    rounds: ctx.rounds,
    throughput,
    latency: [...fresh, ...afterLoad],
    tableAfterLoad
  }
  yield* Console.log(ClusterReport.lines(report).join("\n"))
  const fs = yield* FileSystem.FileSystem
  yield* fs.makeDirectory(".bench", { recursive: true })
  yield* fs.writeFileString(".bench/cluster.json", JSON.stringify(ClusterReport.json(report), null, 2) + "\n")
  yield* Console.log("wrote .bench/cluster.json")
})

_program.pipe(
  Effect.scoped,
  Effect.provide(Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)),
  NodeRuntime.runMain
)
