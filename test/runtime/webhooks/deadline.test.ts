/**
 * The attempt raced against the deadline (`Activity.raceAll`): on a cluster whose pods run no queue workers
 * (`concurrency: 0`), nothing ever answers an attempt, and the deadline's durable clock alone dead-letters
 * the message — what happens when the pod holding an attempt dies before its lock expires.
 */
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { ClusterConfig } from "../../../runtime/cluster/ClusterConfig.js"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Webhooks } from "../../../runtime/webhooks/Webhooks.js"
import { Pods } from "../cluster/Pods.js"

const _env = Layer.unwrapEffect(Effect.map(Pods.freePort, (runnerPort) =>
  Webhooks.layerWith({ concurrency: 0 }).pipe(
    Layer.provideMerge(Cluster.layer({ ...ClusterConfig.defaults, storage: "postgres", runnerPort, listenHost: Option.none() }))
  ))).pipe(Layer.provideMerge(Postgres.layerClient))

layer(_env, { timeout: "60 seconds", excludeTestServices: true })("webhooks without workers", (it) => {
  it.effect("an attempt nobody answers loses its race against the deadline and is dead-lettered", () =>
    Effect.gen(function*() {
      const hook = Webhooks.make({ name: "orders.Unanswered", payload: Schema.Struct({ n: Schema.Number }), deadline: "1500 millis" })
      const endpoint = yield* Webhooks.register({ webhook: hook.name, url: "http://127.0.0.1:9/never-called" })
      const sentAt = Date.now()
      const id = yield* hook.send({ n: 1 })
      const [dead] = yield* Webhooks.deliveries(id).pipe(
        Effect.filterOrFail((ds) => ds[0]?.status === "dead", () => "not yet"),
        Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 200 }),
        Effect.orDie
      )
      assert.deepStrictEqual([dead?.endpointId, dead?.attempts], [endpoint.id, 1])
      assert.strictEqual(dead?.lastError, "the deadline passed during attempt 1")
      const [letter] = yield* Webhooks.deadLetters({ webhook: hook.name })
      assert.deepStrictEqual([letter?.messageId, letter?.body], [id, "{\"n\":1}"])
      assert.isAtLeast((letter?.deadAt ?? 0) - sentAt, 1500, "not before the deadline")
      yield* Effect.log(`dead-lettered ${(letter?.deadAt ?? 0) - sentAt} ms after send (deadline 1500 ms)`)
    }))
})
