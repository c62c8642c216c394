/**
 * EVNT-01/02/04 with real OS processes on one PostgreSQL: three pods publish sales in transactions (a
 * random share rolled back, some published twice, some outbox rows resent as after a relay crash) while
 * pods are killed with `kill -9` and restarted. Every committed event reaches every subscription exactly
 * once, rolled-back ones never do, and a poison event is dead-lettered without blocking the others.
 */
import { expect, layer } from "@effect/vitest"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Random from "effect/Random"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Pods } from "../cluster/Pods.js"
import { EventsDb } from "./EventsDb.js"
import { Shop } from "./Shop.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)

const _start = (url: string, name: string) =>
  Pods.start({ name, databaseUrl: url, script: "test/runtime/events/pod.ts" }).pipe(
    Effect.tap((pod) => Pods.call(pod, "GET", "/readyz", "5 seconds").pipe(Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 300 })))
  )

const _post = (pod: Pods.Pod, path: string, body: unknown) =>
  HttpClientRequest.post(pod.url(path)).pipe(
    HttpClientRequest.bodyUnsafeJson(body),
    HttpClient.execute,
    Effect.flatMap((r) => r.json),
    Effect.scoped,
    Effect.timeout("30 seconds")
  )

interface _Plan {
  readonly id: number
  readonly rollback: boolean
  readonly twice: boolean
  readonly refund: boolean
}

const _plan = (from: number, count: number) =>
  Effect.forEach(Array.from({ length: count }, (_, i) => from + i), (id) =>
    Effect.all({ r: Random.next, t: Random.next, f: Random.next }).pipe(
      Effect.map(({ f, r, t }): _Plan => ({ id, rollback: r < 0.3, twice: t < 0.1, refund: f < 0.2 }))
    ))

layer(_env, { timeout: "180 seconds", excludeTestServices: true })("events across 3 pods", (it) => {
  it.scoped("every committed event reaches every subscription exactly once, through rollbacks, duplicates and kill -9", () =>
    Effect.gen(function*() {
      const db = yield* EventsDb.make
      const pods = yield* Ref.make(yield* Effect.forEach(["a", "b", "c"], (n) => _start(db.url, n), { concurrency: "unbounded" }))
      const plans: Array<_Plan> = []
      const rounds = 12
      const perRound = 50
      for (let round = 0; round < rounds; round++) {
        const plan = yield* _plan(round * perRound + 2, perRound)
        plans.push(...plan)
        const live = yield* Ref.get(pods)
        // Each round's transactions go to one pod; a pod killed mid-batch leaves whatever committed.
        yield* _post(live[round % live.length]!, "/batch", plan).pipe(Effect.ignore)
        yield* round % 4 === 1
          ? Effect.gen(function*() {
            const victim = live[(round + 1) % live.length]!
            yield* victim.kill9
            const restarted = yield* _start(db.url, victim.name)
            yield* Ref.set(pods, live.map((p) => p === victim ? restarted : p))
          })
          : Effect.void
        yield* round === 6 ? db.resend(plans.filter((p) => !p.rollback).slice(0, 25).map((p) => p.id)) : Effect.void
      }
      const invalid = yield* _post((yield* Ref.get(pods))[0]!, "/invalid", {})

      const committed = new Set(yield* db.committed)
      const refunds = new Set(plans.filter((p) => p.refund).map((p) => p.id))
      const poison = [...committed].filter((id) => id % Shop.poison === 0)
      const expected = new Set([
        ...[...committed].map((id) => `mailer.Notify|shop.Sale/${id}`),
        ...[...committed].filter((id) => id % Shop.poison !== 0).map((id) => `ledger.Record|shop.Sale/${id}`),
        ...[...committed].filter((id) => refunds.has(id)).map((id) => `ledger.Record|shop.Refund/${id}`)
      ])
      const effects = yield* db.effects.pipe(
        Effect.filterOrFail((e) => e.length >= expected.size, (e) => `${e.length}/${expected.size} side effects so far`),
        Effect.retry({ schedule: Schedule.spaced("250 millis"), times: 240 })
      )
      const seen = effects.map((e) => `${e.subscription}|${e.event_id}`)
      const phantom = seen.filter((k) => !expected.has(k))
      const repeated = seen.length - new Set(seen).size
      const deadLetters = yield* db.deadLetters.pipe(
        Effect.filterOrFail((d) => d.length >= poison.length),
        Effect.retry({ schedule: Schedule.spaced("250 millis"), times: 120 })
      )
      const latencies = (yield* db.latencies).map((l) => l.ms)
      const pct = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0)
      const byPod = [...new Set(effects.map((e) => e.pod))].sort().map((pod) => `${pod}: ${effects.filter((e) => e.pod === pod).length}`)
      console.log(
        `events: ${plans.length} transactions, ${committed.size} committed, ${plans.filter((p) => p.twice).length} published twice, ` +
          `25 outbox rows resent; ${expected.size} deliveries expected, ${seen.length} side effects (${repeated} repeated, ` +
          `${phantom.length} phantom), ${deadLetters.length} dead-lettered; handled by pod ${byPod.join(", ")}; ` +
          `commit → mailer side effect p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (3 kill -9 included)`
      )
      expect(invalid).toMatchObject({ error: "ParseError" })
      expect(committed.size).toBeGreaterThan(plans.length / 2)
      expect(phantom).toEqual([])
      expect(repeated).toBe(0)
      expect(new Set(seen)).toEqual(expected)
      expect(deadLetters.map((d) => d.event_id).sort()).toEqual(poison.map((id) => `shop.Sale/${id}`).sort())
      expect(deadLetters.every((d) => d.subscription === "ledger.Record")).toBe(true)
      expect(new Set(effects.map((e) => e.pod)).size).toBeGreaterThan(1)
      expect(yield* db.outbox).toBe(0)
    }), 240_000)
})

layer(_env, { timeout: "120 seconds", excludeTestServices: true })("events on 2 quiet pods", (it) => {
  it.scoped("commit → subscriber latency, one transaction at a time (printed, not asserted)", () =>
    Effect.gen(function*() {
      const db = yield* EventsDb.make
      const [a, b] = yield* Effect.forEach(["a", "b"], (n) => _start(db.url, n), { concurrency: "unbounded" })
      const count = 100
      yield* Effect.forEach(Array.from({ length: count }, (_, i) => i + 1_000_001), (id, i) =>
        _post(i % 2 === 0 ? a! : b!, "/batch", [{ id, rollback: false, twice: false, refund: false }]).pipe(
          Effect.zipRight(Effect.sleep("10 millis"))
        ), { discard: true })
      yield* db.effects.pipe(
        Effect.filterOrFail((e) => e.length >= 2 * count - 2),
        Effect.retry({ schedule: Schedule.spaced("250 millis"), times: 120 })
      )
      const all = yield* db.latencies
      const logs = yield* Effect.forEach([a!, b!], (p) => Effect.map(p.logs, (l) => ({ pod: p.name, relay: l.includes("relay started") })))
      const relay = logs.find((l) => l.relay)?.pod ?? "?"
      const pct = (ms: ReadonlyArray<number>, q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(1)
      const line = (label: string, ms: ReadonlyArray<number>) =>
        `${label} (${ms.length}): p50 ${pct(ms, 0.5)} ms, p90 ${pct(ms, 0.9)} ms, p99 ${pct(ms, 0.99)} ms`
      const latencies = all.map((l) => l.ms)
      console.log(
        `events, quiet: commit → mailer side effect, ${line("all", latencies)}; ` +
          `${line("on the relay's pod", all.filter((l) => l.pod === relay).map((l) => l.ms))}; ` +
          `${line("on the other pod", all.filter((l) => l.pod !== relay).map((l) => l.ms))}`
      )
      expect(latencies.length).toBe(count)
    }), 180_000)
})
