/**
 * Jobs benchmark (`npm run bench:jobs`): enqueue → handler start latency and throughput of `Jobs` on 2
 * real pods against one PostgreSQL (embedded unless `DATABASE_URL` is set), next to a classic
 * `SELECT … FOR UPDATE SKIP LOCKED` polling queue on the same server in the same run. Not a test.
 */
import type * as CommandExecutor from "@effect/platform/CommandExecutor"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as FileSystem from "@effect/platform/FileSystem"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { availableParallelism } from "node:os"
import { Postgres } from "../../runtime/postgres/Postgres.js"
import { JobPods } from "../runtime/jobs/JobPods.js"
import { TestJobs } from "../runtime/jobs/TestJobs.js"
import { JobsReport } from "./jobsReport.js"
import { JobsSystems } from "./jobsSystems.js"

const _settings = Config.all({
  rounds: Config.integer("BENCH_ROUNDS").pipe(Config.withDefault(3)),
  /** Jobs per enqueuer (2 enqueuers) in the latency phase, one at a time, `gapMs` apart. */
  latencyJobs: Config.integer("BENCH_LATENCY_JOBS").pipe(Config.withDefault(150)),
  gapMs: Config.integer("BENCH_GAP_MS").pipe(Config.withDefault(20)),
  /** Jobs per throughput round, and enqueues in flight per enqueuer. */
  burst: Config.integer("BENCH_BURST").pipe(Config.withDefault(2000)),
  enqueueConcurrency: Config.integer("BENCH_ENQUEUE_CONCURRENCY").pipe(Config.withDefault(8)),
  /** The baseline's idle poll intervals (ms), one baseline row each. */
  pollMs: Config.array(Config.integer(), "BENCH_POLL_MS").pipe(Config.withDefault([100, 1000])),
  idleSeconds: Config.number("BENCH_IDLE_SECONDS").pipe(Config.withDefault(5))
})

type _Settings = Config.Config.Success<typeof _settings>
type _Env = FileSystem.FileSystem | HttpClient.HttpClient

/** 2 worker processes × 8 workers: as many jobs at once as Jobs' 16 partitions × concurrency 1. */
const _processes = 2
const _workers = 8

/** Wait until every job with this id prefix has started (the measured times come from the rows, not this poll). */
const _done = (sql: SqlClient.SqlClient, prefix: string, expected: number) =>
  sql<{ n: string }>`SELECT count(*) AS n FROM job_runs WHERE job_id LIKE ${`${prefix}-%`}`.pipe(
    Effect.map((rows) => Number(rows[0]?.n ?? 0)),
    Effect.filterOrFail((n) => n >= expected, (n) => `${n} of ${expected} jobs started`),
    Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 1800 }),
    Effect.orDie
  )

/** One system's round: latency samples, one throughput burst, and its processes' idle CPU. */
const _round = (sql: SqlClient.SqlClient, s: _Settings, system: JobsSystems.System, r: number, dbCpu: Effect.Effect<number, never, _Env>) =>
  Effect.gen(function*() {
    const warm = `warm-${system.kind}-r${r}`
    yield* system.burst(warm, 200, s.enqueueConcurrency)
    yield* _done(sql, warm, 200)
    const lat = `lat-${system.kind}-r${r}`
    yield* system.trickle(lat, s.latencyJobs, s.gapMs)
    yield* _done(sql, lat, 2 * s.latencyJobs)
    const samples = yield* sql<{ ms: number }>`SELECT started_at - enqueued_at AS ms FROM job_runs
      WHERE job_id LIKE ${`${lat}-%`}`.pipe(Effect.orDie)
    const burst = `burst-${system.kind}-r${r}`
    const [cpu0, db0] = [yield* system.cpuMs, yield* dbCpu]
    const enqueueMs = yield* system.burst(burst, s.burst, s.enqueueConcurrency)
    yield* _done(sql, burst, s.burst)
    const [cpu, db] = [(yield* system.cpuMs) - cpu0, (yield* dbCpu) - db0]
    const span = yield* sql<{ first: number; last: number }>`SELECT min(enqueued_at) AS first, max(started_at) AS last
      FROM job_runs WHERE job_id LIKE ${`${burst}-%`}`.pipe(Effect.orDie)
    const [idle0, idleDb0] = [yield* system.cpuMs, yield* dbCpu]
    yield* Effect.sleep(`${s.idleSeconds} seconds`)
    const idle = ((yield* system.cpuMs) - idle0) / s.idleSeconds
    const idleDb = ((yield* dbCpu) - idleDb0) / s.idleSeconds
    const round: JobsReport.Round = {
      jobsPerSec: s.burst / (((span[0]?.last ?? Number.NaN) - (span[0]?.first ?? Number.NaN)) / 1000),
      enqueuePerSec: s.burst / (enqueueMs / 1000),
      cpuMsPerJob: cpu / s.burst,
      dbCpuMsPerJob: db / s.burst
    }
    yield* Console.error(
      `  round ${r + 1}: ${system.name}: start p50 ${JobsReport.latency(samples.map((x) => x.ms)).p50.toFixed(1)} ms, ` +
        `${round.jobsPerSec.toFixed(0)} jobs/s`
    )
    return { samples: samples.map((x) => x.ms), round, idle, idleDb }
  })

const _program = Effect.gen(function*() {
  const s = yield* _settings
  const server = yield* Postgres.Server
  const db = yield* Postgres.database("bench_jobs")
  const sql = yield* Effect.provide(SqlClient.SqlClient, yield* Layer.build(PgClient.layer({ url: Redacted.make(db.url), maxConnections: 2 })))
  yield* Effect.all([TestJobs.tables, JobsSystems.setup(sql)], { discard: true }).pipe(Effect.provideService(SqlClient.SqlClient, sql), Effect.orDie)
  yield* Console.error(`PostgreSQL (${server.provider}): starting 2 pods…`)
  const pods = yield* Effect.forEach(["pod1", "pod2"], (name) => JobPods.start(name, db.url), { concurrency: "unbounded" })
  yield* JobPods.ready(pods)
  yield* JobPods.settled(pods)
  const kinds: ReadonlyArray<readonly [string, Effect.Effect<JobsSystems.System, never, Scope.Scope | _Env | CommandExecutor.CommandExecutor>]> = [
    ["jobs", Effect.succeed(JobsSystems.jobs(pods, "jobs"))],
    ["raw-entity", Effect.succeed(JobsSystems.jobs(pods, "raw"))],
    ...s.pollMs.map((ms) => [`poll-${ms}`, Effect.orDie(JobsSystems.poll(db.url, ms, _processes, _workers))] as const)
  ]
  const runs = yield* Effect.forEach(Array.from({ length: s.rounds }, (_, r) => r), (r) =>
    Effect.forEach([...kinds.slice(r % kinds.length), ...kinds.slice(0, r % kinds.length)], ([kind, acquire]) =>
      Effect.scoped(Effect.flatMap(acquire, (system) => _round(sql, s, system, r, JobsSystems.dbCpuMs(server.dataDir)))).pipe(
        Effect.map((m) => ({ kind, ...m }))
      )))
  const names = new Map([
    ["jobs", "Jobs: entity messages (2 pods)"],
    ["raw-entity", "same message, hand-written entity"],
    ...s.pollMs.map((ms) => [`poll-${ms}`, `SKIP LOCKED, polling ${ms} ms`] as const)])
  const report: JobsReport = {
    date: DateTime.formatIso(yield* DateTime.now),
    node: process.version,
    cpus: availableParallelism(),
    server: server.provider,
    concurrency: _processes * _workers,
    rounds: s.rounds,
    latencyJobs: s.latencyJobs,
    gapMs: s.gapMs,
    burst: s.burst,
    enqueueConcurrency: s.enqueueConcurrency,
    idleSeconds: s.idleSeconds,
    rows: kinds.map(([kind]) => {
      const mine = runs.flat().filter((m) => m.kind === kind)
      return {
        kind,
        name: names.get(kind) ?? kind,
        latency: JobsReport.latency(mine.flatMap((m) => m.samples)),
        rounds: mine.map((m) => m.round),
        idleCpuMsPerSec: mine.reduce((a, m) => a + m.idle, 0) / Math.max(1, mine.length),
        idleDbCpuMsPerSec: mine.reduce((a, m) => a + m.idleDb, 0) / Math.max(1, mine.length)
      }
    })
  }
  yield* Console.log(JobsReport.lines(report).join("\n"))
  const fs = yield* FileSystem.FileSystem
  yield* fs.makeDirectory(".bench", { recursive: true })
  yield* fs.writeFileString(".bench/jobs.json", JSON.stringify(JobsReport.json(report), null, 2) + "\n")
  yield* Console.log("wrote .bench/jobs.json")
})

_program.pipe(
  Effect.scoped,
  Effect.provide(Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)),
  NodeRuntime.runMain
)
