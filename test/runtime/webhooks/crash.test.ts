/**
 * Nothing is lost when a pod dies mid-delivery: attempts in flight on a `kill -9`'d pod stay in the SQL
 * PersistedQueue; once their locks expire, another pod's worker takes them and every message is delivered
 * (at least once: the receiver sees the same `webhook-id` again and can deduplicate).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Webhooks } from "../../../runtime/webhooks/Webhooks.js"
import { Pods } from "../cluster/Pods.js"
import * as Receiver from "./Receiver.js"

/** The pods run `Webhooks.layer` on the development key (NODE_ENV is not production); so does this process. */
const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.layerClient, Webhooks.layerKeys())

const _until = <A, E, R>(effect: Effect.Effect<A, E, R>, done: (a: A) => boolean) =>
  effect.pipe(
    Effect.filterOrFail(done, () => "not yet"),
    Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 450 }),
    Effect.orDie
  )

layer(_env, { timeout: "120 seconds", excludeTestServices: true })("webhooks across a pod crash", (it) => {
  it.scoped("attempts in flight on a killed pod are taken by the next pod's worker: every message delivered", () =>
    Effect.gen(function*() {
      const db = yield* Postgres.Database
      const receiver = yield* Receiver.make
      const a = yield* Pods.start({ name: "a", databaseUrl: db.url, script: "test/runtime/webhooks/pod.ts" })
      const endpoint = yield* Webhooks.register({ webhook: "tests.Crash", url: receiver.url("/crash") })
      receiver.behave("/crash", { _tag: "Hang" }, endpoint.secret)
      const ids = Array.from({ length: 6 }, (_, i) => `msg_crash_${i}`)
      yield* Effect.forEach(ids, (id) => Pods.call(a, "POST", `/send/${id}`), { concurrency: 3, discard: true })
      yield* _until(Effect.sync(() => new Set(receiver.requests("/crash").map((r) => r.id)).size), (n) => n === ids.length)
      yield* a.kill9
      const hung = receiver.requests("/crash").length
      receiver.behave("/crash", { _tag: "Ok" })
      const startedB = Date.now()
      yield* Pods.start({ name: "b", databaseUrl: db.url, script: "test/runtime/webhooks/pod.ts" })
      const statuses = yield* Effect.forEach(ids, (id) =>
        _until(Webhooks.deliveries(id), (ds) => ds[0]?.status === "delivered").pipe(Effect.map((ds) => ds[0])))
      const requests = receiver.requests("/crash")
      const delivered = new Set(requests.filter((r) => r.answered === 200).map((r) => r.id))
      assert.deepStrictEqual([...delivered].sort(), [...ids].sort())
      assert.isTrue(requests.every((r) => r.verified))
      assert.isTrue(statuses.every((s) => s?.attempts === 1), "the attempt in flight was resumed, not counted as failed")
      yield* Effect.log(`${hung} attempts hung on pod a when killed; pod b delivered all ${ids.length} ` +
        `${((Date.now() - startedB) / 1000).toFixed(1)} s after it started; ${requests.length} requests in all`)
    }), { timeout: 120_000 })
})
