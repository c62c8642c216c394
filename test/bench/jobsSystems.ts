/**
 * The queues `bench:jobs` compares, behind one shape: `Jobs` on the 2 pods (jobs enqueued from inside the
 * pods), and the classic SKIP LOCKED polling queue (2 worker processes, jobs inserted by this process).
 */
import * as Command from "@effect/platform/Command"
import * as FileSystem from "@effect/platform/FileSystem"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { fileURLToPath } from "node:url"
import { JobPods } from "../runtime/jobs/JobPods.js"
import { ClusterPods } from "./_clusterPods.js"
import { TestJobs } from "../runtime/jobs/TestJobs.js"

const _root = fileURLToPath(new URL("../..", import.meta.url))
const _Ms = Schema.Struct({ ms: Schema.Number })
const _indices = (n: number) => Array.from({ length: n }, (_, i) => i)

/** CPU time (ms) these processes used so far (`ClusterPods.cpuMs` reads `/proc/<pid>/stat`; only the pid matters). */
const _cpuMs = (pids: ReadonlyArray<number>) =>
  ClusterPods.cpuMs(pids.map((pid) => ({ name: String(pid), pid, url: () => "", logs: Effect.succeed("") })))

/**
 * CPU time (ms) of the embedded PostgreSQL server: the postmaster, its exited children (reaped: `cutime`,
 * `cstime`) and its live ones. NaN for a server this run did not start (no data directory) or off Linux.
 */
const dbCpuMs = (dataDir: Option.Option<string>) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* dataDir
    const pm = Number((yield* fs.readFileString(`${dir}/postmaster.pid`)).split("\n")[0])
    const fields = (stat: string) => stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    const own = fields(yield* fs.readFileString(`/proc/${pm}/stat`))
    const children = yield* Effect.forEach((yield* fs.readDirectory("/proc")).filter((d) => /^\d+$/.test(d)), (pid) =>
      fs.readFileString(`/proc/${pid}/stat`).pipe(
        Effect.map((stat) => {
          const f = fields(stat)
          return Number(f[1]) === pm ? Number(f[11]) + Number(f[12]) : 0
        }),
        Effect.orElseSucceed(() => 0)
      ))
    const ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]) + children.reduce((a, b) => a + b, 0)
    return ticks * 10
  }).pipe(Effect.orElseSucceed(() => Number.NaN))

/**
 * `Jobs`: both pods enqueue `bench.Touch` jobs through their own `/touches` route; `raw`: the same message
 * to the hand-written `RawTouch` entity (what the cluster costs without `Jobs` around it).
 */
const jobs = (pods: ReadonlyArray<JobPods.Pod>, target: "jobs" | "raw"): JobsSystems.System => ({
  kind: target === "jobs" ? "jobs" : "raw-entity",
  name: target === "jobs" ? "Jobs (entity messages)" : "hand-written entity",
  trickle: (prefix, n, gapMs) =>
    Effect.forEach(pods, (pod) => JobPods.post(pod, `/touches?target=${target}&prefix=${prefix}-${pod.name}&n=${n}&gapMs=${gapMs}`, _Ms), {
      concurrency: "unbounded",
      discard: true
    }),
  burst: (prefix, total, concurrency) =>
    Effect.forEach(pods, (pod) =>
      JobPods.post(pod, `/touches?target=${target}&prefix=${prefix}-${pod.name}&n=${total / pods.length}&concurrency=${concurrency}`, _Ms), {
      concurrency: "unbounded"
    }).pipe(Effect.map((rs) => Math.max(...rs.map((r) => r.ms)))),
  cpuMs: ClusterPods.cpuMs(pods)
})

/** Start one polling worker process and wait for its "ready" line; killed when the scope closes. */
const _worker = Effect.fn("JobsSystems.worker")(function*(url: string, name: string, pollMs: number, workers: number) {
  const logs = yield* Ref.make("")
  const proc = yield* Command.make(process.execPath, "--import", "tsx", "test/bench/jobsPoll.ts").pipe(
    Command.workingDirectory(_root),
    Command.env({ DATABASE_URL: url, POD_NAME: name, POLL_MS: String(pollMs), WORKERS: String(workers), JOB_KIND: `poll-${pollMs}` }),
    Command.start
  )
  const drain = (s: Stream.Stream<Uint8Array, unknown>) =>
    s.pipe(Stream.decodeText(), Stream.runForEach((c) => Ref.update(logs, (l) => (l + c).slice(-16384))), Effect.ignore, Effect.forkScoped)
  yield* drain(proc.stdout)
  yield* drain(proc.stderr)
  yield* Ref.get(logs).pipe(
    Effect.filterOrFail((l) => l.includes("ready"), () => "not ready"),
    Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 600 }),
    Effect.catchAll(() => Ref.get(logs).pipe(Effect.flatMap((l) => Effect.dieMessage(`worker ${name} did not start:\n${l}`))))
  )
  return proc.pid
})

/**
 * The SKIP LOCKED queue polling every `pollMs` when idle: `processes` × `workers` loops, jobs inserted
 * (one INSERT each, like one enqueue) by two enqueuers in this process.
 */
const poll = Effect.fn("JobsSystems.poll")(function*(url: string, pollMs: number, processes: number, workers: number) {
  const pids = yield* Effect.forEach(_indices(processes), (i) => _worker(url, `w${i + 1}`, pollMs, workers), { concurrency: "unbounded" })
  const context = yield* Layer.build(PgClient.layer({ url: Redacted.make(url), maxConnections: 16 }))
  const sql = yield* Effect.provide(SqlClient.SqlClient, context)
  const insert = (jobId: string) =>
    Effect.flatMap(TestJobs.now, (t) => sql`INSERT INTO bench_queue (job_id, enqueued_at) VALUES (${jobId}, ${t})`).pipe(Effect.orDie)
  const enqueuers = ["e1", "e2"]
  const timed = <A>(effect: Effect.Effect<A>) =>
    Effect.flatMap(TestJobs.now, (t0) => Effect.zipRight(effect, Effect.map(TestJobs.now, (t1) => t1 - t0)))
  const system: JobsSystems.System = {
    kind: `poll-${pollMs}`,
    name: `SKIP LOCKED polling, ${pollMs} ms`,
    trickle: (prefix, n, gapMs) =>
      Effect.forEach(enqueuers, (e) =>
        Effect.forEach(_indices(n), (i) => Effect.zipLeft(insert(`${prefix}-${e}-${i}`), Effect.sleep(gapMs)), { discard: true }), {
        concurrency: "unbounded",
        discard: true
      }),
    burst: (prefix, total, concurrency) =>
      Effect.forEach(enqueuers, (e) =>
        timed(Effect.forEach(_indices(total / enqueuers.length), (i) => insert(`${prefix}-${e}-${i}`), { concurrency, discard: true })), {
        concurrency: "unbounded"
      }).pipe(Effect.map((ms) => Math.max(...ms))),
    cpuMs: Effect.map(_cpuMs(pids), (workersMs) => {
      const self = process.cpuUsage()
      return workersMs + (self.user + self.system) / 1000
    })
  }
  return system
})

/** The queue's table, beside `job_runs` (where both systems record their runs). */
const setup = (sql: SqlClient.SqlClient) =>
  sql`CREATE TABLE IF NOT EXISTS bench_queue (id bigserial PRIMARY KEY, job_id text NOT NULL, enqueued_at double precision NOT NULL)`

export const JobsSystems = { jobs, poll, setup, dbCpuMs } as const

export declare namespace JobsSystems {
  interface System {
    /** `jobs` or `poll-<ms>`. */
    readonly kind: string
    readonly name: string
    /** `n` jobs from each of 2 enqueuers, one at a time, `gapMs` apart; ids `<prefix>-<enqueuer>-<i>`. */
    readonly trickle: (prefix: string, n: number, gapMs: number) => Effect.Effect<void, never, HttpClient.HttpClient>
    /** `total` jobs as fast as 2 enqueuers go (`concurrency` in flight each); the enqueue wall time (ms). */
    readonly burst: (prefix: string, total: number, concurrency: number) => Effect.Effect<number, never, HttpClient.HttpClient>
    /** CPU time (ms) the system's client processes used so far. */
    readonly cpuMs: Effect.Effect<number, never, FileSystem.FileSystem>
  }
}
