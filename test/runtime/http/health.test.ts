/**
 * HLTH-01/02 in one process: the `health` HttpApi group on an in-memory cluster and a real PostgreSQL
 * client — every check reported with status and latency, readiness failing on any failed check.
 */
import { assert, layer } from "@effect/vitest"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { ClusterConfig } from "../../../runtime/cluster/ClusterConfig.js"
import { Health } from "../../../runtime/http/Health.js"
import { Postgres } from "../../../runtime/postgres/Postgres.js"

class Api extends HttpApi.make("app").add(Health.group) {}

const _memory: ClusterConfig = { ...ClusterConfig.defaults, storage: "memory", listenHost: Option.none() }

/** The app's server: `Health.group` in its `HttpApi`, the checks `extra` registers next to the built-ins. */
const _server = (extra: Layer.Layer<never, never, Health.Checks>, timeout: Duration.DurationInput = "2 seconds") =>
  HttpApiBuilder.serve().pipe(
    Layer.provide(HttpApiBuilder.api(Api).pipe(Layer.provide(Health.handlers(Api)))),
    Layer.provide(extra),
    Layer.provideMerge(Health.layer({ timeout })),
    Layer.provide(Cluster.layer(_memory)),
    Layer.provideMerge(NodeHttpServer.layerTest)
  )

const _get = (path: string) =>
  HttpClient.get(path).pipe(
    Effect.flatMap((r) => Effect.map(r.json, (body) => ({ status: r.status, body: body as Health.Report }))),
    Effect.scoped,
    Effect.orDie
  )

/** Poll `path` until it answers `status` (the memory runner acquires its shards within a second). */
const _until = (path: string, status: number) =>
  _get(path).pipe(
    Effect.filterOrFail((r) => r.status === status),
    Effect.retry({ schedule: Schedule.spaced("50 millis"), times: 100 }),
    Effect.orDie
  )

/** One PostgreSQL database (embedded unless DATABASE_URL is set) for the file; a fresh app per test. */
layer(Postgres.layerClient, { timeout: "60 seconds", excludeTestServices: true })("Health", (it) => {
  it.effect("/health reports the database and the cluster, each with its status and latency", () =>
    Effect.gen(function*() {
      yield* _until("/readyz", 200)
      const { body, status } = yield* _get("/health")
      assert.strictEqual(status, 200)
      assert.strictEqual(body.status, "up")
      assert.deepStrictEqual(Object.keys(body.checks).sort(), ["cluster", "database"])
      for (const check of Object.values(body.checks)) {
        assert.strictEqual(check.status, "up")
        assert.isTrue(check.latencyMs >= 0 && check.latencyMs < 2000)
      }
      assert.strictEqual(body.checks["cluster"]?.details?.["shards"], 300)
    }).pipe(Effect.provide(_server(Layer.empty))))

  it.effect("a failing registered check makes /readyz 503 while /livez stays 200", () =>
    Effect.gen(function*() {
      const ready = yield* _until("/readyz", 503)
      assert.strictEqual(ready.body.checks["cache"]?.status, "down")
      assert.strictEqual(ready.body.checks["cache"]?.error, "cache unreachable")
      assert.strictEqual(ready.body.checks["database"]?.status, "up")
      const health = yield* _get("/health")
      assert.strictEqual(health.status, 200)
      assert.strictEqual(health.body.status, "down")
      const live = yield* _get("/livez")
      assert.deepStrictEqual([live.status, live.body.status], [200, "up"])
    }).pipe(Effect.provide(_server(Health.register("cache", Effect.fail("cache unreachable"))))))

  it.effect("a hung check is reported down at its timeout; it never hangs the probe", () =>
    Effect.gen(function*() {
      const { body, status } = yield* _get("/readyz").pipe(Effect.timeout("2 seconds"), Effect.orDie)
      assert.strictEqual(status, 503)
      assert.strictEqual(body.checks["queue"]?.status, "down")
      assert.strictEqual(body.checks["queue"]?.error, "timed out after 300 ms")
      assert.isTrue((body.checks["queue"]?.latencyMs ?? 0) >= 300)
    }).pipe(Effect.provide(_server(Health.register("queue", Effect.never), "300 millis"))))

  it.effect("registered checks run with the services of their layer and add details to the report", () =>
    Effect.gen(function*() {
      const { body } = yield* _until("/readyz", 200)
      assert.deepStrictEqual(body.checks["version"], { status: "up", latencyMs: body.checks["version"]?.latencyMs ?? -1, details: { version: "1.2.3" } })
    }).pipe(Effect.provide(_server(Health.register("version", Effect.succeed({ version: "1.2.3" }))))))
})
