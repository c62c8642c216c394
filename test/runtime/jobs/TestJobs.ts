/**
 * The job types the jobs tests, their pods and `bench:jobs` run: each handler records its run in
 * `job_runs` (which job, which attempt, on which pod, when it started and ended, epoch ms).
 */
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as Entity from "@effect/cluster/Entity"
import * as Rpc from "@effect/rpc/Rpc"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Jobs } from "../../../runtime/jobs/Jobs.js"

/** Epoch milliseconds with sub-millisecond resolution (one clock for every process on the machine). */
const now = Effect.sync(() => performance.timeOrigin + performance.now())

const tables = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  sql`CREATE TABLE IF NOT EXISTS job_runs (job text NOT NULL, job_id text NOT NULL, attempt int NOT NULL,
    pod text NOT NULL, enqueued_at double precision, started_at double precision NOT NULL, ended_at double precision)`)

const _record = (job: string, ctx: Jobs.Context, enqueuedAt: number | null, startedAt: number, endedAt: number | null) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const pod = yield* Config.string("POD_NAME").pipe(Config.withDefault("test"), Effect.orDie)
    yield* sql`INSERT INTO job_runs (job, job_id, attempt, pod, enqueued_at, started_at, ended_at)
      VALUES (${job}, ${ctx.id}, ${ctx.attempt}, ${pod}, ${enqueuedAt}, ${startedAt}, ${endedAt})`.pipe(Effect.orDie)
  })

class DivideByZero extends Schema.TaggedError<DivideByZero>()("DivideByZero", { a: Schema.Number }) {}

/** Records a run and doubles `n`; `n` must be a positive integer. */
const Record = Jobs.make({
  name: "test.Record",
  payload: Schema.Struct({ key: Schema.String, n: Schema.Int.pipe(Schema.positive()) }),
  success: Schema.Number,
  error: Schema.Never,
  concurrency: 4
})

/** A typed error as a result. */
const Divide = Jobs.make({
  name: "test.Divide",
  payload: Schema.Struct({ a: Schema.Number, b: Schema.Number }),
  success: Schema.Number,
  error: DivideByZero
})

/** One partition, one at a time: a poison job and the jobs queued behind it share one mailbox. */
const Poison = Jobs.make({
  name: "test.Poison",
  payload: Schema.Struct({ key: Schema.String, poison: Schema.Boolean }),
  success: Schema.Void,
  error: Schema.Never,
  partitions: 1,
  concurrency: 1,
  mailboxCapacity: 4,
  retry: { times: 2 }
})

/** A long batch job in an entity whose idle timeout is far shorter than the job. */
const Long = Jobs.make({
  name: "test.Long",
  payload: Schema.Struct({ ms: Schema.Number }),
  success: Schema.Number,
  error: Schema.Never,
  partitions: 1,
  keepAlive: true,
  maxIdleTime: "1 second"
})

/**
 * The benchmark's job: records when it started (the enqueue time travels in the payload). The defaults:
 * 16 partitions × concurrency 1 = at most 16 at once, like the polling baseline's 2 × 8 workers.
 */
const Touch = Jobs.make({
  name: "bench.Touch",
  payload: Schema.Struct({ enqueuedAt: Schema.Number }),
  success: Schema.Void,
  error: Schema.Never
})

/**
 * The benchmark's yardstick: the same persisted message and handler as `Touch`, on a hand-written entity
 * (no `Jobs` around it: no validation, retries or typed client), over the same 16 entity ids.
 */
const RawTouch = Entity.make("RawTouch", [
  Rpc.make("Run", {
    payload: { id: Schema.String, enqueuedAt: Schema.Number },
    primaryKey: (p) => p.id
  }).annotate(ClusterSchema.Persisted, true)
])

const _rawTouch = RawTouch.toLayer({
  Run: (request) =>
    Effect.flatMap(now, (t) =>
      _record("bench.RawTouch", { id: request.payload.id, attempt: 1 }, request.payload.enqueuedAt, t, null))
})

const layer = Layer.mergeAll(
  _rawTouch,
  Record.toLayer((p, ctx) =>
    Effect.flatMap(now, (t) => _record("test.Record", ctx, null, t, t)).pipe(Effect.as(p.n * 2))
  ),
  Divide.toLayer((p, ctx) =>
    Effect.flatMap(now, (t) => _record("test.Divide", ctx, null, t, t)).pipe(
      Effect.zipRight(p.b === 0 ? Effect.fail(new DivideByZero({ a: p.a })) : Effect.succeed(p.a / p.b))
    )
  ),
  Poison.toLayer((p, ctx) =>
    Effect.flatMap(now, (t) => _record("test.Poison", ctx, null, t, t)).pipe(
      Effect.zipRight(p.poison ? Effect.dieMessage(`poison ${p.key}`) : Effect.void)
    )
  ),
  Long.toLayer((p, ctx) =>
    Effect.gen(function*() {
      const started = yield* now
      yield* Effect.sleep(p.ms)
      yield* _record("test.Long", ctx, null, started, yield* now)
      return p.ms
    })
  ),
  Touch.toLayer((p, ctx) => Effect.flatMap(now, (t) => _record("bench.Touch", ctx, p.enqueuedAt, t, null)))
)

/** Runs recorded so far, per job type (or of one job id). */
const runs = (job: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql<{ job_id: string; attempt: number; pod: string; started_at: number; ended_at: number | null }>`
      SELECT job_id, attempt, pod, started_at, ended_at FROM job_runs WHERE job = ${job} ORDER BY started_at`).pipe(
      Effect.orDie
    )

export const TestJobs = { now, tables, layer, runs, Record, Divide, Poison, Long, Touch, RawTouch, DivideByZero } as const
