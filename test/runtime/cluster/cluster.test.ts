/**
 * CLUS-01/02/03 with real OS processes on one PostgreSQL: three pods of the probe app share the shards,
 * a `kill -9`'d pod's shards move to the survivors with every message handled exactly once, and a
 * one-second schedule runs every tick exactly once across the kill.
 */
import { expect, layer } from "@effect/vitest"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Pods } from "./Pods.js"
import { ProbeDb } from "./ProbeDb.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)
const _Handled = Schema.Struct({ pod: Schema.String, shard: Schema.String })
const _hit = (pod: Pods.Pod, entity: string, messageId: string) =>
  Pods.call(pod, "POST", `/hit/${entity}/${messageId}`).pipe(Effect.flatMap(Schema.decodeUnknown(_Handled)))

/** `/readyz` passes only once the pod's runner holds shards: after it, ownership has settled for all three. */
const _ready = (pod: Pods.Pod) =>
  Pods.call(pod, "GET", "/readyz", "5 seconds").pipe(Effect.retry({ schedule: ProbeDb.poll, times: 300 }))

const _threePods = (url: string) =>
  Effect.forEach(["a", "b", "c"], (name) => Pods.start({ name, databaseUrl: url }), { concurrency: "unbounded" }).pipe(
    Effect.tap((pods) => Effect.forEach(pods, _ready, { concurrency: "unbounded", discard: true }))
  )

layer(_env, { timeout: "60 seconds", excludeTestServices: true })("cluster of 3 pods on one PostgreSQL", (it) => {
  it.effect("messages to 200 entity ids all reach their handlers, and every pod owns a share of the shards", () =>
    Effect.gen(function*() {
      const db = yield* ProbeDb.make
      const pods = yield* _threePods(db.url)
      const handled = yield* Effect.forEach(
        Array.from({ length: 200 }, (_, i) => i),
        (i) => _hit(pods[i % 3]!, `e${i}`, `m${i}`),
        { concurrency: 8 }
      )
      const effects = yield* db.effects
      expect(effects.total).toBe(200)
      expect(effects.runs, "no message ran twice without a crash").toBe(200)
      expect(new Set(handled.map((h) => h.pod))).toStrictEqual(new Set(["a", "b", "c"]))
      expect(effects.byPod.map((p) => p.pod).sort()).toStrictEqual(["a", "b", "c"])
    }).pipe(Effect.scoped), { timeout: 180_000 })

  it.effect("kill -9 of a pod under load: its shards move and every message is handled exactly once", () =>
    Effect.gen(function*() {
      const db = yield* ProbeDb.make
      const [a, b, c] = (yield* _threePods(db.url)) as [Pods.Pod, Pods.Pod, Pods.Pod]
      const entities = Array.from({ length: 30 }, (_, i) => `k${i}`)
      const owners = yield* Effect.forEach(entities, (e, i) => _hit(i % 2 === 0 ? a : b, e, `warm-${e}`), { concurrency: 6 })
      const onC = entities.filter((_, i) => owners[i]!.pod === "c")
      expect(onC.length).toBeGreaterThan(0)
      const start = yield* Clock.currentTimeMillis
      const sent: Array<{ readonly entity: string; readonly at: number; readonly done: number }> = []
      const load = Effect.forEach(
        Array.from({ length: 600 }, (_, i) => i),
        (i) =>
          Effect.gen(function*() {
            const entity = entities[i % entities.length]!
            const at = yield* Clock.currentTimeMillis
            yield* _hit(i % 2 === 0 ? a : b, entity, `load-${i}`)
            sent.push({ entity, at, done: yield* Clock.currentTimeMillis })
          }).pipe(Effect.delay("20 millis")),
        { concurrency: 4, discard: true }
      )
      const fiber = yield* Effect.fork(load)
      yield* Effect.sleep("2 seconds")
      yield* c.kill9
      const killedAt = yield* Clock.currentTimeMillis
      yield* fiber.await.pipe(Effect.flatMap((exit) => exit))
      const effects = yield* db.effects
      expect(sent.length).toBe(600)
      expect(effects.total, "every message's side effect happened exactly once").toBe(600 + entities.length)
      const stalls = sent.filter((s) => onC.includes(s.entity) && s.done >= killedAt).map((s) => s.done - Math.max(s.at, killedAt))
      const failover = Math.max(...stalls)
      console.log(
        `fail-over after kill -9: ${failover} ms (c owned ${onC.length}/30 entities; load ran ${killedAt - start} ms ` +
          `before the kill); handler runs ${effects.runs} for ${effects.total} messages (redelivered after the crash: ` +
          `${effects.runs - effects.total})`
      )
      expect(effects.runs - effects.total, "only messages in flight on the killed pod ran again").toBeLessThanOrEqual(4)
      expect(effects.byPod.find((p) => p.pod === "c")?.count ?? 0).toBeLessThan(effects.total)
    }).pipe(Effect.scoped), { timeout: 180_000 })

  it.effect("a one-second schedule runs every tick exactly once, across a kill -9", () =>
    Effect.gen(function*() {
      const db = yield* ProbeDb.make
      const pods = yield* _threePods(db.url)
      yield* db.ticksSince(0).pipe(Effect.filterOrFail((t) => t.length >= 8), Effect.retry({ schedule: ProbeDb.poll, times: 150 }))
      yield* pods[0]!.kill9
      const killedAt = yield* Clock.currentTimeMillis
      yield* Effect.sleep("12 seconds")
      const ticks = yield* db.ticksSince(0)
      const scheduled = ticks.map((t) => t.scheduled)
      expect(new Set(scheduled).size, "no tick ran twice").toBe(scheduled.length)
      const first = Math.min(...scheduled)
      const last = Math.max(...scheduled)
      expect(scheduled.length, "no tick was missed").toBe((last - first) / 1000 + 1)
      const late = ticks.map((t) => t.at - t.scheduled).sort((x, y) => x - y)
      // Steady state: after the first two ticks (start-up), before the kill.
      const onTime = ticks.slice(2).filter((t) => t.scheduled < killedAt - 1000).map((t) => t.at - t.scheduled).sort((x, y) => x - y)
      console.log(
        `ticks: ${ticks.length}, steady lateness (${onTime.length} ticks) p50 ${onTime[Math.floor(onTime.length / 2)]} ms, ` +
          `max ${onTime.at(-1)} ms; ` +
          `max overall (across the kill) ${late.at(-1)} ms`
      )
    }).pipe(Effect.scoped), { timeout: 180_000 })
})
