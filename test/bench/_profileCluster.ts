/**
 * Where a persisted message's pod CPU goes: 2 pods on embedded PostgreSQL (as `npm run bench:cluster`),
 * one load window of generated `Probe.Hit` under the V8 profiler in both pods, summarised by bucket, with
 * the SQL round trips per message (counted in the pods) and PostgreSQL's own counters. Diagnostic only.
 * Run: `node --import tsx test/bench/_profileCluster.ts` (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_TARGET: generated, raw or volatile).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { resolve } from "node:path"
import { Postgres } from "../../runtime/postgres/Postgres.js"
import { ClusterPods } from "./_clusterPods.js"
import { ClusterSql } from "./_clusterSql.js"
import { ProfileSummary } from "./_profileSummary.js"

const _settings = Config.all({
  seconds: Config.number("BENCH_SECONDS").pipe(Config.withDefault(8)),
  concurrency: Config.integer("BENCH_CONCURRENCY").pipe(Config.withDefault(8)),
  target: Config.literal("generated", "raw", "volatile")("BENCH_TARGET").pipe(Config.withDefault("generated" as const)),
  dir: Config.string("BENCH_PROFILE_DIR").pipe(Config.withDefault(".bench/profile"))
})

const _Load = Schema.Struct({
  pod: Schema.String,
  ms: Schema.Number,
  errors: Schema.Number,
  latencies: Schema.Array(Schema.Number),
  sql: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Number }), { default: () => ({}) }),
  fibers: Schema.optionalWith(Schema.Number, { default: () => 0 })
})

const _tables = (sql: SqlClient.SqlClient) =>
  sql`CREATE TABLE IF NOT EXISTS probe_effects (
    message_id text PRIMARY KEY, pod text NOT NULL, attempts int NOT NULL DEFAULT 1, at timestamptz NOT NULL DEFAULT now())`

const _Stat = Schema.Struct({
  xact_commit: Schema.NumberFromString,
  xact_rollback: Schema.NumberFromString,
  tup_returned: Schema.NumberFromString,
  tup_fetched: Schema.NumberFromString,
  tup_inserted: Schema.NumberFromString,
  tup_updated: Schema.NumberFromString,
  tup_deleted: Schema.NumberFromString
})

/** This database's counters (PostgreSQL's statistics are flushed about once a second: read after a pause). */
const _stat = (url: string) =>
  ClusterSql.withSql(url, (sql) =>
    Effect.sleep("1200 millis").pipe(
      Effect.zipRight(sql`SELECT xact_commit::text, xact_rollback::text, tup_returned::text, tup_fetched::text,
        tup_inserted::text, tup_updated::text, tup_deleted::text FROM pg_stat_database WHERE datname = current_database()`),
      Effect.flatMap((rows) => Schema.decodeUnknown(_Stat)(rows[0]))
    ))

/** Per table and index of the cluster's storage: scans and the rows they read (cumulative counters). */
const _scans = (url: string) =>
  ClusterSql.withSql(url, (sql) =>
    sql<{ readonly name: string; readonly scans: string; readonly rows: string }>`
      SELECT 'seq ' || relname AS name, seq_scan::text AS scans, seq_tup_read::text AS rows FROM pg_stat_user_tables
      WHERE relname LIKE 'cluster_%'
      UNION ALL SELECT 'idx ' || indexrelname, idx_scan::text, idx_tup_read::text FROM pg_stat_user_indexes
      WHERE relname LIKE 'cluster_%'
      UNION ALL SELECT 'hot ' || relname, n_tup_upd::text, n_tup_hot_upd::text FROM pg_stat_user_tables
      WHERE relname LIKE 'cluster_%'`.pipe(
      Effect.map((rows) => new Map(rows.map((r) => [r.name, { scans: Number(r.scans), rows: Number(r.rows) }])))
    ))

const _load = (pods: ReadonlyArray<ClusterPods.Pod>, target: string, ms: number, concurrency: number, prefix: string, dir?: string) =>
  Effect.forEach(pods, (pod) =>
    ClusterPods.post(
      pod,
      `/bench/load?target=${target}&ms=${ms}&concurrency=${Math.max(1, concurrency / 2)}&prefix=${prefix}-${pod.name}&entities=64` +
        (dir === undefined ? "" : `&profile=${encodeURIComponent(resolve(dir, `${pod.name}.cpuprofile`))}`),
      _Load
    ), { concurrency: "unbounded" })

const _program = Effect.gen(function*() {
  const s = yield* _settings
  const fs = yield* FileSystem.FileSystem
  yield* fs.makeDirectory(s.dir, { recursive: true })
  const db = yield* Postgres.database("bench_profile")
  yield* ClusterSql.withSql(db.url, _tables)
  yield* Console.error("starting 2 pods…")
  const pods = [
    yield* ClusterPods.start("pod1", db.url, { BENCH_SQL_COUNT: "1", BENCH_FIBERS: "1" }),
    yield* ClusterPods.start("pod2", db.url, { BENCH_SQL_COUNT: "1", BENCH_FIBERS: "1" })
  ]
  yield* ClusterPods.ready(pods)
  yield* Console.error("warm-up…")
  yield* _load(pods, s.target, 3000, s.concurrency, "warm")
  const idle0 = yield* ClusterPods.cpuMs(pods)
  yield* Effect.sleep("3 seconds")
  const idleMsPerSec = ((yield* ClusterPods.cpuMs(pods)) - idle0) / 3
  const window = (prefix: string, dir?: string) =>
    Effect.gen(function*() {
      const stat0 = yield* _stat(db.url)
      const scans0 = yield* _scans(db.url)
      const cpu0 = yield* ClusterPods.cpuSplitMs(pods)
      const loads = yield* _load(pods, s.target, s.seconds * 1000, s.concurrency, prefix, dir)
      const cpu1 = yield* ClusterPods.cpuSplitMs(pods)
      const system = cpu1.system - cpu0.system
      const cpu = cpu1.user - cpu0.user + system
      const stat1 = yield* _stat(db.url)
      const scans1 = yield* _scans(db.url)
      const n = loads.reduce((a, l) => a + l.latencies.length, 0)
      const ms = Math.max(...loads.map((l) => l.ms))
      const line = `${n} messages in ${(ms / 1000).toFixed(1)} s = ${(n / (ms / 1000)).toFixed(0)} msg/s, ` +
        `${loads.reduce((a, l) => a + l.errors, 0)} errors, pod CPU ${(cpu / n).toFixed(3)} ms/msg (/proc; ` +
        `${((100 * system) / cpu).toFixed(0)} % of it kernel time)`
      return { loads, n, cpu: { userMsPerMsg: (cpu - system) / n, kernelMsPerMsg: system / n }, line, stat: { stat0, stat1 }, scans: { scans0, scans1 } }
    })
  yield* Console.error(`${s.target} without the profiler for ${s.seconds} s…`)
  const plain = yield* window("plain")
  yield* Console.error(`${s.target} under the profiler for ${s.seconds} s…`)
  const prof = yield* window("prof", s.dir)
  const summary = yield* ProfileSummary.summarise(pods.map((p) => resolve(s.dir, `${p.name}.cpuprofile`)))
  const counts = new Map<string, number>()
  plain.loads.forEach((l) => Object.entries(l.sql).forEach(([k, v]) => counts.set(k, (counts.get(k) ?? 0) + v)))
  const trips = [...counts.values()].reduce((a, b) => a + b, 0)
  const perMsg = (x: number) => (x / plain.n).toFixed(2)
  const { stat0, stat1 } = plain.stat
  yield* Console.log([
    `idle pods: ${idleMsPerSec.toFixed(0)} ms CPU per second (both)`,
    `${s.target}, no profiler:    ${plain.line}`,
    `${s.target}, under profiler: ${prof.line}`,
    "",
    ...ProfileSummary.lines(summary, prof.n, prof.cpu),
    "",
    `fibers started in the pods (no-profiler window): ${perMsg(plain.loads.reduce((a, l) => a + l.fibers, 0))} per message`,
    "",
    `SQL round trips from the pods (no-profiler window): ${perMsg(trips)} per message`,
    ...[...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `  ${perMsg(v).padStart(6)}  ${k}`),
    "",
    "PostgreSQL counters per message (pg_stat_database deltas, whole database, no-profiler window):",
    ...Object.keys(stat0).map((k) => {
      const key = k as keyof typeof stat0
      return `  ${k.padEnd(14)} ${perMsg(stat1[key] - stat0[key])}`
    }),
    "",
    "Scans of the cluster's tables per message (seq/idx: scans, rows read; hot: updates, of them HOT):",
    ...[...plain.scans.scans1.entries()].map(([k, v]) => {
      const b = plain.scans.scans0.get(k) ?? { scans: 0, rows: 0 }
      return `  ${k.padEnd(44)} ${perMsg(v.scans - b.scans).padStart(8)} ${perMsg(v.rows - b.rows).padStart(10)}`
    }),
    "",
    `profiles: ${pods.map((p) => resolve(s.dir, `${p.name}.cpuprofile`)).join(", ")} (open in Chrome DevTools)`
  ].join("\n"))
})

_program.pipe(
  Effect.scoped,
  Effect.provide(Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)),
  NodeRuntime.runMain
)
