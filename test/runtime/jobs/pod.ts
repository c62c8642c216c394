/**
 * One pod of the jobs tests and `bench:jobs`, as a real OS process: the test job types on the PostgreSQL
 * cluster, plus HTTP routes that enqueue jobs from inside the pod. Configured by environment variables.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Health } from "../../../runtime/http/Health.js"
import { Jobs } from "../../../runtime/jobs/Jobs.js"
import { JobsEntity } from "../../../runtime/jobs/Entity.js"
import { TestPod } from "../../support/TestPod.js"
import { TestJobs } from "./TestJobs.js"

const _Batch = Schema.Struct({
  /** Job ids are `<prefix>-<i>`, i < n. */
  prefix: Schema.String,
  n: Schema.NumberFromString,
  /** Enqueues in flight at once (`burst`), or the pause between one-at-a-time enqueues (`gapMs`). */
  concurrency: Schema.optional(Schema.NumberFromString),
  gapMs: Schema.optional(Schema.NumberFromString),
  /** `raw`: the hand-written `RawTouch` entity instead of the `Touch` job (the benchmark's yardstick). */
  target: Schema.optional(Schema.Literal("jobs", "raw"))
})

const _indices = (n: number) => Array.from({ length: n }, (_, i) => i)

/** `Record` jobs, enqueued from this pod: the multi-pod test. */
const _records = Effect.gen(function*() {
  const q = yield* HttpServerRequest.schemaSearchParams(_Batch)
  const ids = yield* Effect.forEach(_indices(q.n), (i) =>
    TestJobs.Record.enqueue({ key: q.prefix, n: i + 1 }, { id: `${q.prefix}-${i}` }), { concurrency: q.concurrency ?? 8 })
  return yield* HttpServerResponse.json({ ids })
})

/**
 * `Touch` jobs for the benchmark, each carrying the time its enqueue began: one at a time `gapMs` apart
 * (latency), or `concurrency` at once (throughput). Replies with how long enqueueing took.
 */
const _touches = Effect.gen(function*() {
  const q = yield* HttpServerRequest.schemaSearchParams(_Batch)
  const raw = yield* TestJobs.RawTouch.client
  const send = (id: string, enqueuedAt: number) =>
    q.target === "raw"
      ? raw(JobsEntity.partition(id, Jobs.defaults.partitions)).Run({ id, enqueuedAt }, { discard: true })
      : TestJobs.Touch.enqueue({ enqueuedAt }, { id })
  const started = yield* TestJobs.now
  const one = (i: number) =>
    Effect.flatMap(TestJobs.now, (enqueuedAt) => send(`${q.prefix}-${i}`, enqueuedAt)).pipe(
      Effect.zipLeft(q.gapMs === undefined ? Effect.void : Effect.sleep(q.gapMs))
    )
  yield* Effect.forEach(_indices(q.n), one, { concurrency: q.gapMs === undefined ? q.concurrency ?? 8 : 1, discard: true })
  return yield* HttpServerResponse.json({ ms: (yield* TestJobs.now) - started })
})

const _routes = HttpRouter.empty.pipe(
  HttpRouter.post("/records", _records),
  HttpRouter.post("/touches", _touches),
  HttpRouter.concat(Health.router),
  HttpRouter.catchAllCause((cause) => HttpServerResponse.text(String(cause), { status: 500 }))
)

const _main = Layer.mergeAll(TestPod.http(_routes), TestJobs.layer).pipe(Layer.provide(TestPod.infra))

NodeRuntime.runMain(Layer.launch(_main))
