/**
 * The observability tests' world, shared by the tests of a file: an in-process OTLP collector, a fresh
 * database, and two pods of `ObsApp` exporting to the collector (OTLP/JSON, short export intervals), both
 * ready; plus the calls the tests make: a public RPC (untraced on the caller's side), a `/metrics` scrape.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Pods } from "../cluster/Pods.js"
import * as Collector from "./Collector.js"
import { PromText } from "./PromText.js"

interface _World {
  readonly collector: Collector.Collector
  readonly a: Pods.Pod
  readonly b: Pods.Pod
  readonly databaseUrl: string
}

export class World extends Context.Tag("test/observability/World")<World, _World>() {}

const _env = (collector: Collector.Collector, name: string) => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
  OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
  OTEL_SERVICE_NAME: "obs",
  OTEL_RESOURCE_ATTRIBUTES: `service.instance.id=${name},deployment.environment=test`,
  OTEL_BSP_SCHEDULE_DELAY: "200",
  OTEL_METRIC_EXPORT_INTERVAL: "500"
})

const _ready = (pod: Pods.Pod) =>
  Pods.call(pod, "GET", "/readyz", "5 seconds").pipe(Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 300 }), Effect.orDie)

/** The collector, the database, pod `a` then pod `b`, each ready (holding shards); all stopped with the layer. */
export const layer = Layer.scoped(World, Effect.gen(function*() {
  const collector = yield* Collector.make
  const db = yield* Postgres.Database
  const a = yield* Pods.start({ name: "a", databaseUrl: db.url, script: "test/runtime/observability/pod.ts", env: _env(collector, "a") })
  yield* _ready(a)
  const b = yield* Pods.start({ name: "b", databaseUrl: db.url, script: "test/runtime/observability/pod.ts", env: _env(collector, "b") })
  yield* _ready(b)
  yield* _ready(a)
  return { collector, a, b, databaseUrl: db.url }
}))

/**
 * Call the public RPC `Buy` on `pod` as a plain HTTP client (NDJSON, no `traceparent`: the pod's server span
 * starts the trace); yields the exit's tag.
 */
export const buy = (pod: Pods.Pod, orderId: string) =>
  HttpClientRequest.post(pod.url("/rpc/obs")).pipe(
    HttpClientRequest.bodyText(JSON.stringify({ _tag: "Request", id: "1", tag: "Buy", payload: { orderId }, headers: [] }) + "\n", "application/ndjson"),
    HttpClient.execute,
    Effect.flatMap((r) => r.text),
    Effect.scoped,
    Effect.map((text) => {
      const exit = text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as { _tag: string; exit?: { _tag: string } })
        .find((m) => m._tag === "Exit")
      return exit?.exit?._tag ?? `no exit in ${text}`
    }),
    Effect.withTracerEnabled(false),
    Effect.timeout("40 seconds"),
    Effect.orDie
  )

/** `GET /metrics` of `pod`: its content type, text and samples (`PromText.parse`). */
export const scrape = (pod: Pods.Pod) =>
  HttpClient.get(pod.url("/metrics")).pipe(
    Effect.flatMap((r) => Effect.map(r.text, (text) => ({ contentType: r.headers["content-type"] ?? "", text }))),
    Effect.scoped,
    Effect.withTracerEnabled(false),
    Effect.orDie,
    Effect.map(({ contentType, text }): PromText.Scrape => ({ contentType, text, samples: PromText.parse(text) }))
  )

/** Poll `effect` until `done` holds (every 200 ms, at most 60 s). */
export const until = <A, E, R>(effect: Effect.Effect<A, E, R>, done: (a: A) => boolean, what: string) =>
  effect.pipe(
    Effect.filterOrFail(done, () => `not yet: ${what}`),
    Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 300 })
  )
