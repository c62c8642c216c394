/**
 * Fencing with real OS processes on one PostgreSQL (issue #12, item 3): a pod frozen by SIGSTOP under load
 * loses its shards to the other pod within 15 s; after SIGCONT it runs nothing for them (no entity handled
 * by two pods at once, every message's effect exactly once) and its /readyz is 503 until it holds shards again.
 */
import { expect, layer } from "@effect/vitest"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Pods } from "./Pods.js"
import { ProbeDb } from "./ProbeDb.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)
const _Handled = Schema.Struct({ pod: Schema.String, shard: Schema.String })
const _hit = (pod: Pods.Pod, entity: string, messageId: string) =>
  Pods.call(pod, "POST", `/hit/${entity}/${messageId}`, "60 seconds").pipe(Effect.flatMap(Schema.decodeUnknown(_Handled)))

/** `/readyz` of `pod`: the status code and the cluster check's error, if any. */
const _readyz = (pod: Pods.Pod) =>
  HttpClient.get(pod.url("/readyz")).pipe(
    Effect.flatMap((r) => Effect.map(r.json, (body) => ({
      status: r.status,
      cluster: JSON.stringify((body as { checks?: Record<string, unknown> }).checks?.["cluster"] ?? null)
    }))),
    Effect.scoped,
    Effect.timeout("60 seconds")
  )

const _until = <A, E, R>(effect: Effect.Effect<A, E, R>, ok: (a: A) => boolean, what: string) =>
  effect.pipe(
    Effect.filterOrFail(ok, () => new Error(`not yet: ${what}`)),
    Effect.retry({ schedule: ProbeDb.poll }),
    Effect.timeoutFail({ duration: "90 seconds", onTimeout: () => new Error(`gave up waiting: ${what}`) })
  )

interface _Sent {
  readonly entity: string
  readonly via: string
  readonly at: number
  readonly done: number
  readonly pod: string
}

layer(_env, { timeout: "60 seconds", excludeTestServices: true })("a frozen pod (SIGSTOP / SIGCONT)", (it) => {
  it.effect("its shards serve from the other pod within 15 s; resumed, it runs nothing twice and is unready until it holds shards", () =>
    Effect.gen(function*() {
      const db = yield* ProbeDb.make
      // every Hit stays in flight for 50 ms, so the freeze catches some mid-handler
      const env = { PROBE_FENCED: "true", PROBE_HIT_HOLD_MS: "50" }
      const [a, b] = (yield* Effect.forEach(["a", "b"], (name) => Pods.start({ name, databaseUrl: db.url, env }), {
        concurrency: "unbounded"
      })) as [Pods.Pod, Pods.Pod]
      // SIGKILL also ends a stopped process: nothing hangs if the test fails while `a` is frozen
      yield* Effect.addFinalizer(() => Effect.all([a.kill9, b.kill9]))
      yield* Effect.forEach([a, b], (pod) => _until(_readyz(pod), (r) => r.status === 200, `${pod.name} ready`), { discard: true })

      const entities = Array.from({ length: 30 }, (_, i) => `f${i}`)
      const owners = yield* Effect.forEach(entities, (e) => _hit(b, e, `warm-${e}`), { concurrency: 6 })
      const onA = entities.filter((_, i) => owners[i]!.pod === "a")
      expect(onA.length, "a owns some of the entities").toBeGreaterThan(0)

      // load through b (a's HTTP port is frozen with it) on all 30 entities, until told to stop
      const sent: Array<_Sent> = []
      let stop = false
      let n = 0
      const send = (via: Pods.Pod, entity: string, id: string) =>
        Effect.gen(function*() {
          const at = yield* Clock.currentTimeMillis
          const handled = yield* _hit(via, entity, id)
          sent.push({ entity, via: via.name, at, done: yield* Clock.currentTimeMillis, pod: handled.pod })
        })
      const worker = Effect.suspend(() => send(b, entities[n % entities.length]!, `load-${n++}`)).pipe(
        Effect.delay("20 millis"),
        Effect.repeat({ while: () => !stop })
      )
      const load = yield* Effect.fork(Effect.all([worker, worker, worker, worker], { concurrency: "unbounded", discard: true }))
      yield* _until(Effect.sync(() => sent.length), (k) => k >= 40, "load under way")

      yield* a.signal("SIGSTOP")
      const stoppedAt = yield* Clock.currentTimeMillis
      // A fresh call for each of a's entities through b (volatile `Where`, each try bounded by 1 s: a call
      // routed to the frozen pod waits on its socket) until b answers it: the shard serves from b again.
      const where = (e: string) =>
        Pods.call(b, "GET", `/where/${e}`, "1 second").pipe(
          Effect.flatMap(Schema.decodeUnknown(Schema.Struct({ pod: Schema.String }))),
          Effect.filterOrFail((w) => w.pod === "b"),
          Effect.retry({ schedule: ProbeDb.poll }),
          Effect.zipRight(Clock.currentTimeMillis),
          Effect.map((at) => at - stoppedAt)
        )
      const served = yield* Effect.forEach(onA, where, { concurrency: "unbounded" }).pipe(Effect.timeout("90 seconds"))
      const takeover = Math.max(...served)
      const servedByB = (e: string) => sent.find((s) => s.entity === e && s.pod === "b" && s.done > stoppedAt)
      yield* _until(Effect.sync(() => onA.every(servedByB)), (all) => all, "calls in flight at the freeze answered")
      const inFlight = Math.max(...onA.map((e) => servedByB(e)!.done - stoppedAt))
      // requests and a readiness probe queued at the frozen pod: it meets them first thing when it resumes
      const stale = yield* Effect.fork(Effect.forEach(onA, (e) => send(a, e, `stale-${e}`), { concurrency: "unbounded" }))
      const firstProbe = yield* Effect.fork(_readyz(a))
      const base = sent.length
      yield* _until(Effect.sync(() => sent.length), (k) => k >= base + 20, "load going on with a frozen")
      yield* a.signal("SIGCONT")
      const resumedAt = yield* Clock.currentTimeMillis
      const afterResume = yield* Fiber.join(firstProbe)
      const readyAgain = yield* _until(_readyz(a), (r) => r.status === 200, "a ready again")
      const readyAfter = (yield* Clock.currentTimeMillis) - resumedAt
      yield* Fiber.join(stale)
      // a holds shards again: some load lands there before it stops
      yield* _until(Effect.sync(() => sent.filter((s) => s.pod === "a" && s.at > resumedAt).length), (k) => k >= 10, "a handles again")
      stop = true
      yield* Fiber.join(load)

      const aLogs = yield* a.logs
      const lapsed = (aLogs.match(/shard lease lapsed/g) ?? []).length
      const fenced = (aLogs.match(/Fenced: shard/g) ?? []).length
      const effects = yield* db.effects
      const { overlaps, runs } = yield* db.runs
      const messages = sent.length + entities.length
      console.log(
        `SIGSTOP takeover: ${takeover} ms (a owned ${onA.length}/30 entities; calls in flight at the freeze ` +
          `answered after ${inFlight} ms); ${messages} messages, ` +
          `${effects.total} effects, ${runs} committed handler runs (again after the freeze: ${runs - effects.total}); ` +
          `overlapping runs on two pods: ${overlaps.length}; a's /readyz on resume: ${afterResume.status} ` +
          `${afterResume.cluster}; 200 again ${readyAfter} ms after SIGCONT; a logged the lapsed lease ${lapsed}×, ` +
          `fenced writes ${fenced}×`
      )
      expect(takeover, "a frozen pod's shards serve from the other pod within 15 s").toBeLessThanOrEqual(15_000)
      expect(overlaps, "no entity was handled by two pods at once").toStrictEqual([])
      expect(effects.total, "every message's effect happened exactly once").toBe(messages)
      expect(runs - effects.total, "only runs in flight at the freeze ran again (load concurrency 4)").toBeLessThanOrEqual(4)
      expect(lapsed, "the resumed pod found its lease lapsed and stopped its shards").toBeGreaterThan(0)
      expect(afterResume.status, "resumed without a valid lease: not ready").toBe(503)
      expect(readyAgain.status).toBe(200)
    }).pipe(Effect.scoped), { timeout: 300_000 })
})
