/**
 * The realtime benchmark's fan-out phase: N SSE subscribers of one key on one server, a burst of M
 * messages published elsewhere, and the deliveries per second from the first publish to the last
 * delivery — for the pod (published by another pod through PostgreSQL) and for the bare `node:http` baseline,
 * in alternating rounds of one run. Measures only.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as FileSystem from "@effect/platform/FileSystem"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Schema from "effect/Schema"
import { ClusterPods } from "../_clusterPods.js"
import { ClusterReport } from "../_clusterReport.js"
import { SseClients } from "./_sse.js"

/** One side of the comparison: where its subscribers connect, who publishes, whose CPU is the cost. */
interface _Side {
  readonly name: string
  readonly events: string
  /** Publish messages `from`..`to` (each its own transaction on the pod side). */
  readonly publish: (from: number, to: number) => Effect.Effect<unknown, never, HttpClient.HttpClient>
  /** The process that fans out (the subscribers' pod, or the baseline server). */
  readonly server: ClusterPods.Pod
}

const _Published = Schema.Struct({ published: Schema.Number })

/** The subscribers' pod, with messages published to `key` by `publisher` (another pod). */
const pod = (name: string, subscribers: ClusterPods.Pod, publisher: ClusterPods.Pod, key: string): _Side => ({
  name,
  events: subscribers.url(`/events/chat/Feed?key=${key}&access_token=user-bench`),
  publish: (from, to) => ClusterPods.post(publisher, `/publish?key=${key}&from=${from}&to=${to}`, _Published),
  server: subscribers
})

/** The bare `node:http` baseline: it publishes to itself. */
const baseline = (name: string, server: ClusterPods.Pod): _Side => ({
  name,
  events: server.url("/events"),
  publish: (from, to) => ClusterPods.post(server, `/publish?from=${from}&to=${to}`, _Published),
  server
})

/** One burst's figures. */
interface _Round {
  readonly side: string
  readonly deliveries: number
  readonly complete: boolean
  readonly ms: number
  readonly publishMs: number
  readonly perSecond: number
  /** CPU of the fanning-out process per delivery, µs; and the clients' (this process's) share of a core. */
  readonly serverUsPerDelivery: number
  readonly clientCore: number
}

/** A side with its subscribers open, and the number of the next message it publishes. */
interface _Ready {
  readonly side: _Side
  readonly group: SseClients.Group
  readonly next: { value: number }
  readonly connectMs: number
}

/** Open `n` subscribers on `side`, then publish one message at a time until every one of them has received one. */
const open = (side: _Side, n: number): Effect.Effect<_Ready, Error, Scope.Scope | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const t0 = performance.now()
    const group = yield* SseClients.open(side.events, n)
    const connectMs = performance.now() - t0
    const next = { value: 1 }
    yield* Effect.suspend(() => side.publish(next.value, next.value++)).pipe(
      Effect.zipRight(Effect.sleep("100 millis")),
      Effect.zipRight(SseClients.started(group)),
      Effect.repeat({ until: (started) => started === n, schedule: Schedule.spaced("100 millis") }),
      Effect.timeoutFail({ duration: "60 seconds", onTimeout: () => new Error(`${side.name}: not every subscriber received a warm-up message in 60 s`) })
    )
    yield* Console.error(`  ${side.name}: ${n} subscribers connected in ${connectMs.toFixed(0)} ms, all receiving`)
    return { side, group, next, connectMs }
  })

/** One burst of `messages` on a ready side, timed from the first publish to the last delivery. */
const _round = (ready: _Ready, messages: number) =>
  Effect.gen(function*() {
    const { group, next, side } = ready
    yield* SseClients.arm(group, messages)
    const [cpu0, client0, t0] = [yield* ClusterPods.cpuMs([side.server]), process.cpuUsage(), performance.now()]
    const from = next.value
    next.value += messages
    yield* side.publish(from, from + messages - 1)
    const publishMs = performance.now() - t0
    const s = yield* SseClients.settled(group, 60_000)
    const ms = s.lastAt - t0
    const client = process.cpuUsage(client0)
    const cpu = (yield* ClusterPods.cpuMs([side.server])) - cpu0
    const r: _Round = {
      side: side.name,
      deliveries: s.delivered,
      complete: s.done === s.of,
      ms,
      publishMs,
      perSecond: s.delivered / (ms / 1000),
      serverUsPerDelivery: (cpu * 1000) / Math.max(1, s.delivered),
      clientCore: (client.user + client.system) / 1000 / ms
    }
    yield* Console.error(
      `  ${side.name}: ${r.deliveries} deliveries in ${ms.toFixed(0)} ms (publish ${publishMs.toFixed(0)} ms) = ${r.perSecond.toFixed(0)}/s` +
        `${r.complete ? "" : ` — only ${s.done} of ${s.of} subscribers got all (the fewest got ${s.fewest})`}, server CPU ${r.serverUsPerDelivery.toFixed(1)} µs/delivery`
    )
    // Let the sockets drain and the heap settle between bursts.
    yield* Effect.sleep("1 second")
    return r
  })

/** `rounds` bursts on each side, alternating which goes first; the median round per side. */
const compare = (
  sides: ReadonlyArray<_Ready>,
  messages: number,
  rounds: number
): Effect.Effect<ReadonlyArray<FanOut.Result>, never, HttpClient.HttpClient | FileSystem.FileSystem> =>
  Effect.forEach(Array.from({ length: rounds }, (_, r) => r), (r) =>
    Effect.forEach(r % 2 === 0 ? sides : [...sides].reverse(), (ready) => _round(ready, messages))).pipe(
    Effect.map((all) => all.flat()),
    Effect.map((all) =>
      sides.map(({ connectMs, side }) => {
        const mine = all.filter((x) => x.side === side.name)
        const rate = ClusterReport.median(mine.map((x) => x.perSecond))
        return {
          side: side.name,
          connectMs,
          perSecond: rate,
          rounds: mine,
          serverUsPerDelivery: ClusterReport.median(mine.map((x) => x.serverUsPerDelivery)),
          clientCore: Math.max(...mine.map((x) => x.clientCore)),
          complete: mine.every((x) => x.complete)
        }
      })
    )
  )

export const FanOut = { pod, baseline, open, compare } as const

export declare namespace FanOut {
  type Side = _Side
  type Ready = _Ready
  interface Result {
    readonly side: string
    readonly connectMs: number
    readonly perSecond: number
    readonly rounds: ReadonlyArray<_Round>
    readonly serverUsPerDelivery: number
    readonly clientCore: number
    readonly complete: boolean
  }
}
