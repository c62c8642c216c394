/**
 * One pod of the jobs tests and `bench:jobs`, as a real OS process: the test job types on the PostgreSQL
 * cluster, plus HTTP routes that enqueue jobs from inside the pod. Configured by environment variables.
 */
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { createServer } from "node:http"
import { Cluster } from "../../runtime/Cluster.js"
import { ClusterConfig } from "../../runtime/ClusterConfig.js"
import { ClusterWatcher } from "../../runtime/ClusterWatcher.js"
import { Health } from "../../runtime/Health.js"
import { Jobs } from "../../runtime/Jobs.js"
import { JobsEntity } from "../../runtime/_JobsEntity.js"
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

const _http = Layer.unwrapEffect(Effect.gen(function*() {
  const port = yield* Config.port("HTTP_PORT")
  const router = HttpRouter.empty.pipe(
    HttpRouter.post("/records", _records),
    HttpRouter.post("/touches", _touches),
    HttpRouter.concat(Health.router),
    HttpRouter.catchAllCause((cause) => HttpServerResponse.text(String(cause), { status: 500 }))
  )
  return HttpServer.serve(router).pipe(Layer.provide(NodeHttpServer.layer(createServer, { port, host: "127.0.0.1" })))
}))

/** Health checks (for `/readyz`: shards held) with the runner storage and sharding config they read. */
const _observe = Layer.mergeAll(Health.layer(), ClusterWatcher.layer()).pipe(
  Layer.provideMerge(Layer.orDie(SqlRunnerStorage.layer)),
  Layer.provideMerge(Layer.unwrapEffect(ClusterConfig.load().pipe(
    Effect.map((c) => ShardingConfig.layer(ClusterConfig.sharding(c))),
    Effect.orDie
  )))
)

const _main = Layer.mergeAll(_http, TestJobs.layer).pipe(
  Layer.provide(_observe),
  Layer.provide(Cluster.layerConfig()),
  Layer.provide(PgClient.layerConfig({ url: Config.redacted("DATABASE_URL") }))
)

NodeRuntime.runMain(Layer.launch(_main))
