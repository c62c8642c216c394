/**
 * `bench:jobs`'s baseline, one worker process: the classic PostgreSQL job queue. `WORKERS` loops each
 * claim the oldest job with `SELECT … FOR UPDATE SKIP LOCKED`, run it (the same side effect as the
 * benchmark's Touch job: one `job_runs` row) and delete it in one transaction; an empty queue sleeps
 * `POLL_MS`. Benchmark only: nothing in runtime/ polls like this.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

const _settings = Config.all({
  pollMs: Config.integer("POLL_MS"),
  workers: Config.integer("WORKERS"),
  pod: Config.string("POD_NAME"),
  kind: Config.string("JOB_KIND")
})

const _now = Effect.sync(() => performance.timeOrigin + performance.now())

/** Claim, run and delete one job in one transaction; false when the queue is empty. */
const _one = (sql: SqlClient.SqlClient, s: Config.Config.Success<typeof _settings>) =>
  sql.withTransaction(Effect.gen(function*() {
    const rows = yield* sql<{ id: string; job_id: string; enqueued_at: number }>`
      SELECT id, job_id, enqueued_at FROM bench_queue ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`
    const job = rows[0]
    if (job === undefined) return false
    const startedAt = yield* _now
    yield* sql`INSERT INTO job_runs (job, job_id, attempt, pod, enqueued_at, started_at)
      VALUES (${s.kind}, ${job.job_id}, 1, ${s.pod}, ${job.enqueued_at}, ${startedAt})`
    yield* sql`DELETE FROM bench_queue WHERE id = ${job.id}`
    return true
  }))

const _program = Effect.gen(function*() {
  const s = yield* _settings
  const sql = yield* SqlClient.SqlClient
  yield* sql`SELECT 1`
  yield* Console.log("ready")
  const worker = _one(sql, s).pipe(
    Effect.flatMap((found) => found ? Effect.void : Effect.sleep(s.pollMs)),
    Effect.catchAllCause((cause) => Console.error(String(cause)).pipe(Effect.zipRight(Effect.sleep(s.pollMs)))),
    Effect.forever
  )
  yield* Effect.all(Array.from({ length: s.workers }, () => worker), { concurrency: "unbounded", discard: true })
})

_program.pipe(
  Effect.provide(Layer.unwrapEffect(Effect.map(
    Config.integer("WORKERS"),
    (workers) => PgClient.layerConfig({ url: Config.redacted("DATABASE_URL"), maxConnections: Config.succeed(workers) })
  ))),
  NodeRuntime.runMain
)
