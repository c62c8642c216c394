/**
 * HLTH-01/02 and CLUS-04 with real processes: two pods on their own embedded PostgreSQL. PostgreSQL stops
 * → /readyz 503, /livez 200, pods alive; it starts again → both 200, no message lost or run twice.
 */
import { describe, expect, it } from "@effect/vitest"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { Pods } from "./Pods.js"
import { StoppablePostgres } from "./StoppablePostgres.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer)

interface _Answer {
  readonly status: number
  readonly body: { readonly status?: string; readonly checks?: Record<string, { readonly status: string; readonly details?: { readonly shards?: number } }> }
}

const _get = (pod: Pods.Pod, path: string) =>
  HttpClient.get(pod.url(path)).pipe(
    Effect.flatMap((r) => Effect.map(r.json, (body): _Answer => ({ status: r.status, body: body as _Answer["body"] }))),
    Effect.scoped,
    Effect.timeout("5 seconds")
  )

/** Poll `path` on `pod` until `ok` holds, for at most `within`; the elapsed ms. */
const _until = (pod: Pods.Pod, path: string, ok: (a: _Answer) => boolean, within: Duration.DurationInput) =>
  Effect.gen(function*() {
    const start = yield* Clock.currentTimeMillis
    yield* _get(pod, path).pipe(
      Effect.filterOrFail(ok),
      Effect.retry({ schedule: Schedule.spaced("100 millis") }),
      Effect.timeoutFail({ duration: within, onTimeout: () => new Error(`${pod.name} ${path}: no expected answer within ${Duration.format(within)}`) })
    )
    return (yield* Clock.currentTimeMillis) - start
  })

/** A caller that retries: POST /hit until the pod answers 200 (each try bounded), for at most a minute. */
const _hit = (pod: Pods.Pod, entity: string, messageId: string) =>
  Pods.call(pod, "POST", `/hit/${entity}/${messageId}`, "20 seconds").pipe(
    Effect.retry({ schedule: Schedule.spaced("250 millis") }),
    Effect.timeout("60 seconds")
  )

const _count = (logs: string, pattern: RegExp) => logs.match(new RegExp(pattern, "g"))?.length ?? 0

/** Wait until `pod` has logged `pattern` more than `after` times (the watcher's shard and runner logs). */
const _logged = (pod: Pods.Pod, pattern: RegExp, within: Duration.DurationInput, after = 0) =>
  pod.logs.pipe(
    Effect.filterOrFail((logs) => _count(logs, pattern) > after),
    Effect.retry({ schedule: Schedule.spaced("100 millis") }),
    Effect.timeoutFail({ duration: within, onTimeout: () => new Error(`${pod.name} did not log ${pattern} (${after} times before)`) })
  )

const _alive = (pod: Pods.Pod) => Effect.sync(() => globalThis.process.kill(pod.pid, 0))

const _effects = (url: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    return yield* sql<{ message_id: string; n: string }>`SELECT message_id, count(*) AS n FROM probe_effects GROUP BY message_id`
  }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(url) })))

describe("health of pods on PostgreSQL", () => {
  it.live("PostgreSQL stops: readyz 503, livez 200, pods stay up; it starts: both 200, every message handled once", () =>
    Effect.gen(function*() {
      const pg = yield* StoppablePostgres.make
      // one after the other: two first starts on an empty database race on CREATE TABLE IF NOT EXISTS
      const pods = yield* Effect.forEach(["a", "b"], (name) => Pods.start({ name, databaseUrl: pg.url }))
      // runs before Pods' own SIGTERM: a pod whose database is down can take long to shut down gracefully
      yield* Effect.addFinalizer(() => Effect.forEach(pods, (pod) => pod.kill9))
      const [a, b] = pods as [Pods.Pod, Pods.Pod]
      const shards = (answer: _Answer) => answer.body.checks?.["cluster"]?.details?.shards ?? 0
      yield* Effect.forEach(pods, (pod) => _until(pod, "/readyz", (r) => r.status === 200, "30 seconds"))
      yield* _until(a, "/health", (r) => shards(r) > 0 && shards(r) < 300, "30 seconds")
      yield* _until(b, "/health", (r) => shards(r) > 0 && shards(r) < 300, "30 seconds")

      yield* _logged(a, new RegExp(`Runner joined: 127.0.0.1:${b.runnerPort}`), "10 seconds")

      // CLUS-04: each entity is local on exactly the pod that handles it
      const entities = Array.from({ length: 20 }, (_, i) => `e${i}`)
      const handled = yield* Effect.forEach(entities, (e, i) => _hit(pods[i % 2]!, e, `before-${i}`), { concurrency: 4 })
      const local = yield* Effect.forEach(entities, (e) =>
        Effect.all(pods.map((pod) => Effect.flatMap(Pods.call(pod, "GET", `/context/${e}`), (c) => Effect.succeed((c as { local: boolean }).local)))))
      expect(local.map((l) => l.filter(Boolean).length)).toStrictEqual(entities.map(() => 1))
      expect(local.map((l) => (l[0] ? "a" : "b"))).toStrictEqual(handled.map((h) => (h as { pod: string }).pod))

      // outage
      const before = yield* Effect.forEach(pods, (pod) => Effect.map(pod.logs, (l) => [_count(l, /Released/), _count(l, /Acquired/)] as const))
      yield* pg.stop
      const unready = yield* Effect.forEach(pods, (pod) => _until(pod, "/readyz", (r) => r.status === 503, "10 seconds"), {
        concurrency: "unbounded"
      })
      const during = yield* Effect.forEach(entities.slice(0, 10), (e, i) => _hit(pods[i % 2]!, e, `during-${i}`), { concurrency: "unbounded" }).pipe(Effect.fork)
      // the library drops its shard locks once it cannot refresh them; the watcher logs the release
      yield* Effect.forEach(pods, (pod, i) => _logged(pod, /Released/, "15 seconds", before[i]![0]))
      for (const pod of pods) {
        expect((yield* _get(pod, "/livez")).status, `${pod.name} /livez during the outage`).toBe(200)
        yield* _alive(pod)
      }

      // recovery
      yield* pg.start
      const recovered = yield* Effect.forEach(pods, (pod) => _until(pod, "/readyz", (r) => r.status === 200, "30 seconds"), {
        concurrency: "unbounded"
      })
      for (const pod of pods) expect((yield* _get(pod, "/livez")).status).toBe(200)
      yield* Fiber.join(during)

      const effects = yield* _effects(pg.url)
      expect(effects.length, "every message was handled").toBe(30)
      expect(effects.filter((e) => Number(e.n) !== 1), "no message was handled twice").toStrictEqual([])
      // the watcher polls every second: the re-acquisition shows in the log shortly after /readyz turns 200
      yield* Effect.forEach(pods, (pod, i) => _logged(pod, /Acquired/, "5 seconds", before[i]![1]))
      yield* Effect.forEach(pods, (pod) => _logged(pod, /Runner storage reachable again/, "5 seconds"))
      console.log(`readyz 503 after stop: ${unready.join(" / ")} ms; readyz 200 after start: ${recovered.join(" / ")} ms`)
    }).pipe(Effect.scoped, Effect.provide(StoppablePostgres.server), Effect.provide(_env)), { timeout: 180_000 })
})
