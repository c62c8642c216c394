/**
 * The cluster benchmark's load generator, inside a pod: calls entities from this runner (so no HTTP is
 * measured) and returns raw timings. `npm run bench:cluster` drives it; the multi-pod tests never call it.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import * as Schema from "effect/Schema"
import { ProbeEntity } from "../generated/probe/entities/Probe.js"
import { BenchProbe } from "./BenchProbe.js"
import { RawProbe } from "./RawProbe.js"

/** `generated`: Probe.Hit (persisted); `raw`: the hand-written RawProbe.Hit; `volatile`: Probe.Where. */
const _Target = Schema.Literal("generated", "raw", "volatile")

const _Load = Schema.Struct({
  target: _Target,
  /** Run for this long (ms), with `concurrency` callers, each sending its next message on a reply. */
  ms: Schema.NumberFromString,
  concurrency: Schema.NumberFromString,
  /** Message ids are `<prefix>-<n>`: unique per run. Entity ids are `bench-<n mod entities>`. */
  prefix: Schema.String,
  entities: Schema.NumberFromString,
  /** Write a CPU profile of this load window to this file (see `test/bench/_profileCluster.ts`). */
  profile: Schema.optional(Schema.String)
})

const _Latency = Schema.Struct({
  target: _Target,
  /** `n` calls one after another, `gapMs` apart: latency without load. */
  n: Schema.NumberFromString,
  gapMs: Schema.NumberFromString,
  prefix: Schema.String,
  entities: Schema.NumberFromString
})

interface _Sample {
  readonly messageId: string
  readonly pod: string
  /** When the call was made and when the handler started (epoch ms; -1 when the target does not say). */
  readonly sentAt: number
  readonly startedAt: number
  readonly ms: number
}

const _round = (x: number) => Math.round(x * 1000) / 1000

const _router = Effect.gen(function*() {
  const probe = yield* ProbeEntity.client
  const raw = yield* RawProbe.entity.client
  const pod = yield* Config.string("POD_NAME").pipe(Config.withDefault("pod"))
  /** One call: where it was handled and, when the target reports it, the handler's start time. */
  const calls = {
    generated: (entity: string, messageId: string) =>
      Effect.map(probe(entity).Hit({ messageId }), (r) => ({ pod: r.pod, startedAt: -1 })),
    raw: (entity: string, messageId: string) =>
      Effect.map(raw(entity).Stamp({ messageId }), (r) => ({ pod: r.pod, startedAt: r.startedAt })),
    volatile: (entity: string) =>
      Effect.flatMap(Clock.currentTimeMillis, (sentAt) => probe(entity).Where({ sentAt })).pipe(
        Effect.map((r) => ({ pod: r.pod, startedAt: r.startedAt }))
      )
  } as const
  const hit = (target: typeof _Target.Type, entities: number, prefix: string, i: number) => {
    const messageId = `${prefix}-${i}`
    return Effect.gen(function*() {
      const sentAt = yield* RawProbe.now
      const r = yield* calls[target](`bench-${i % entities}`, messageId)
      const ms = (yield* RawProbe.now) - sentAt
      const sample: _Sample = { messageId, pod: r.pod, sentAt, startedAt: r.startedAt, ms }
      return sample
    })
  }

  const load = Effect.gen(function*() {
    const q = yield* HttpServerRequest.schemaSearchParams(_Load)
    const deadline = (yield* RawProbe.now) + q.ms
    const state = { next: 0, errors: 0, firstError: "" }
    const ms: Array<number> = []
    const local: Array<boolean> = []
    const one = () => hit(q.target, q.entities, q.prefix, state.next++).pipe(
      Effect.tap((s) => Effect.sync(() => (ms.push(_round(s.ms)), local.push(s.pod === pod)))),
      Effect.catchAllCause((cause) =>
        Effect.sync(() => (state.errors++, state.firstError ||= String(cause).slice(0, 500)))
      )
    )
    const worker = Effect.whileLoop({
      while: () => performance.timeOrigin + performance.now() < deadline,
      body: one,
      step: () => undefined
    })
    yield* BenchProbe.takeSqlCounts
    const fibers0 = yield* Metric.value(Metric.fiberStarted)
    const started = yield* RawProbe.now
    yield* BenchProbe.profiled(
      q.profile,
      Effect.all(Array.from({ length: q.concurrency }, () => worker), { concurrency: "unbounded", discard: true })
    )
    const elapsed = (yield* RawProbe.now) - started
    const sql = yield* BenchProbe.takeSqlCounts
    // Fibers this process started during the window (0 unless the pod runs with BENCH_FIBERS=1).
    const fibers = (yield* Metric.value(Metric.fiberStarted)).count - fibers0.count
    return yield* HttpServerResponse.json({ pod, ms: elapsed, errors: state.errors, firstError: state.firstError, latencies: ms, local, sql, fibers })
  })

  const latency = Effect.gen(function*() {
    const q = yield* HttpServerRequest.schemaSearchParams(_Latency)
    const samples = yield* Effect.forEach(
      Array.from({ length: q.n }, (_, i) => i),
      (i) => Effect.zipLeft(hit(q.target, q.entities, q.prefix, i), Effect.sleep(q.gapMs))
    )
    return yield* HttpServerResponse.json({ pod, samples })
  })

  return HttpRouter.empty.pipe(HttpRouter.post("/bench/load", load), HttpRouter.post("/bench/latency", latency))
})

export const BenchRoutes = { router: _router } as const
