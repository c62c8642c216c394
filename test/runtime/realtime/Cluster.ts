/**
 * The realtime pods tests' fixture: a fresh database on the test PostgreSQL server, `n` realtime pods
 * (test/runtime/realtime/pod.ts) on it, and a SQL connection of the test process itself, a publisher that
 * is none of the pods. Built once per test file; the pods die with it.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Pods } from "../cluster/Pods.js"

class Fixture extends Context.Tag("test/realtime/Fixture")<Fixture, {
  readonly url: string
  readonly pods: ReadonlyArray<Pods.Pod>
}>() {}

const _start = (url: string, name: string) =>
  Pods.start({ name, databaseUrl: url, script: "test/runtime/realtime/pod.ts" }).pipe(
    Effect.tap((pod) => Pods.call(pod, "GET", "/readyz", "5 seconds").pipe(Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 300 })))
  )

/** `count` pods on a fresh database, and the test process's own `SqlClient` on it. */
const layer = (count: number) => {
  const fixture = Layer.scoped(Fixture, Effect.gen(function*() {
    const { url } = yield* Postgres.database("realtime")
    const pods = yield* Effect.forEach(Array.from({ length: count }, (_, i) => String.fromCharCode(97 + i)), (n) => _start(url, n), {
      concurrency: "unbounded"
    })
    return { url, pods }
  }))
  const sql = Layer.unwrapEffect(Effect.map(Fixture, (f) => PgClient.layer({ url: Redacted.make(f.url) })))
  return sql.pipe(
    Layer.provideMerge(fixture),
    Layer.provideMerge(Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server))
  )
}

/** Ask `pod` to publish messages `from`..`to` to `room` (each in its own transaction), padded by `pad` bytes. */
const publish = (pod: Pods.Pod, room: string, from: number, to: number, pad = 0) =>
  HttpClient.execute(HttpClientRequest.post(pod.url(`/publish?key=${room}&from=${from}&to=${to}&pad=${pad}`))).pipe(
    Effect.flatMap((r) => r.status === 200 ? Effect.void : Effect.flatMap(r.text, (t) => Effect.dieMessage(`publish: ${r.status} ${t}`))),
    Effect.scoped,
    Effect.timeout("120 seconds")
  )

/** The pod's resident set size, and what its heap and buffers retain after a full collection, in bytes. */
const memory = (pod: Pods.Pod) => Effect.map(Pods.call(pod, "GET", "/memory"), (body) => body as { readonly rss: number; readonly retained: number })

/**
 * The SSE URL of `room` on `pod`, as `user` (a token in the query, as EventSource sends it). The tests' rooms
 * are fresh, so they read from the first message (`cursor=0.0`): no race with a publish right after connecting.
 */
const sseUrl = (pod: Pods.Pod, room: string, user: string) => pod.url(`/events/chat/Feed?key=${room}&access_token=user-${user}&cursor=0.0`)

export const Cluster = { Fixture, layer, publish, memory, sseUrl } as const
