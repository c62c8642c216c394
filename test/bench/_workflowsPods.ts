/**
 * Workflow benchmark helpers: N closed-loop callers for a few seconds (the saga through both pods, the
 * baseline's SQL, an HTTP floor) and where a saga's time went, read from its `saga_log` rows. Measures only.
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Pods } from "../runtime/cluster/Pods.js"
import { SagaPods } from "../runtime/workflows/SagaPods.js"
import { ClusterReport } from "./_clusterReport.js"

/**
 * Time one call: its latency from the monotonic clock, and when it was sent and answered on the wall clock
 * (`Clock`, i.e. `Date.now`: the clock PostgreSQL's `clock_timestamp()` reads on this host; on these VMs the
 * monotonic clock drifts from it by milliseconds per second, so the two are never mixed).
 */
const _timed = <E, R>(id: string, effect: Effect.Effect<unknown, E, R>) =>
  Effect.gen(function*() {
    const [sentAt, t0] = [yield* Clock.currentTimeMillis, performance.now()]
    yield* effect
    const [doneAt, t1] = [yield* Clock.currentTimeMillis, performance.now()]
    const sample: WorkflowsPods.Sample = { id, sentAt, doneAt, ms: t1 - t0 }
    return sample
  })

/** `concurrency` callers, each calling `one` back to back until `ms` have passed; failed calls are counted, not timed. */
const _load = <E, R>(concurrency: number, ms: number, one: (caller: number, i: number) => Effect.Effect<WorkflowsPods.Sample, E, R>) =>
  Effect.gen(function*() {
    const samples: Array<WorkflowsPods.Sample> = []
    const errors: Array<string> = []
    const deadline = performance.now() + ms
    const worker = (caller: number) => {
      const state = { i: 0 }
      return Effect.whileLoop({
        while: () => performance.now() < deadline,
        body: () => Effect.either(Effect.suspend(() => one(caller, state.i++))),
        step: Either.match({ onLeft: (e) => void errors.push(String(e)), onRight: (s) => void samples.push(s) })
      })
    }
    const t0 = performance.now()
    yield* Effect.all(Array.from({ length: concurrency }, (_, c) => worker(c)), { concurrency: "unbounded", discard: true })
    const run: WorkflowsPods.Run = { ms: performance.now() - t0, samples, errors }
    return run
  })

/** The saga (3 activities, no faults) through `POST /run`, caller `c` on pod `c mod 2`: call → result. */
const workflow = (pods: ReadonlyArray<Pods.Pod>, prefix: string, concurrency: number, ms: number) =>
  _load(concurrency, ms, (c, i) => {
    const runId = `${prefix}-c${c}-${i}`
    return _timed(runId, SagaPods.run(pods[c % pods.length]!, { runId }).pipe(
      Effect.filterOrFail(Exit.isSuccess, (exit) => new Error(`${runId}: ${String(exit)}`))
    ))
  })

/**
 * The baseline: the saga's own SQL work without the workflow — per step a `start` and a `done` row inserted
 * into `saga_log` (what each activity writes), 3 steps in sequence, from this process through @effect/sql-pg
 * with one pooled connection per caller.
 */
const steps = (url: string, prefix: string, concurrency: number, ms: number) =>
  Effect.scoped(Effect.gen(function*() {
    const context = yield* Layer.build(PgClient.layer({ url: Redacted.make(url), maxConnections: concurrency }))
    const sql = yield* Effect.provide(SqlClient.SqlClient, context)
    const write = (runId: string, step: number, kind: string) =>
      sql`INSERT INTO saga_log (run_id, step, kind, pod, detail) VALUES (${runId}, ${step}, ${kind}, 'bench', NULL)`
    return yield* _load(concurrency, ms, (c, i) => {
      const runId = `${prefix}-c${c}-${i}`
      return _timed(runId, Effect.forEach([1, 2, 3], (step) => Effect.zipRight(write(runId, step, "start"), write(runId, step, "done")), {
        discard: true
      }))
    })
  })).pipe(Effect.orDie)

/** The HTTP floor: `GET /local/:runId` on the same pods (no SQL, no cluster message), same callers. */
const http = (pods: ReadonlyArray<Pods.Pod>, prefix: string, concurrency: number, ms: number) =>
  _load(concurrency, ms, (c, i) => _timed(`${prefix}-c${c}-${i}`, Pods.call(pods[c % pods.length]!, "GET", `/local/${prefix}-c${c}-${i}`)))

/** Each run's start/done rows, keyed `run_id`, as `kind:step` → epoch ms. */
const _rows = (url: string, prefix: string) =>
  Effect.scoped(Effect.gen(function*() {
    const context = yield* Layer.build(PgClient.layer({ url: Redacted.make(url), maxConnections: 1 }))
    const sql = yield* Effect.provide(SqlClient.SqlClient, context)
    const rows = yield* sql<{ run_id: string; step: number; kind: string; at: number }>`
      SELECT run_id, step, kind, extract(epoch FROM at) * 1000 AS at FROM saga_log WHERE run_id LIKE ${`${prefix}%`}`
    const byRun = new Map<string, Map<string, number>>()
    rows.forEach((r) => byRun.set(r.run_id, (byRun.get(r.run_id) ?? new Map()).set(`${r.kind}:${r.step}`, Number(r.at))))
    return byRun
  })).pipe(Effect.orDie)

/**
 * Where the saga runs' time went (p50 of each phase over the runs, and its share of the summed means): the
 * activities' own SQL, the gaps the workflow engine adds before, between and after them.
 */
const breakdown = (url: string, prefix: string, samples: ReadonlyArray<WorkflowsPods.Sample>) =>
  Effect.map(_rows(url, prefix), (byRun) => {
    const at = (run: ReadonlyMap<string, number>, key: string) => run.get(key) ?? Number.NaN
    const parts = samples.flatMap((s) => {
      const run = byRun.get(s.id) ?? new Map<string, number>()
      const phases = {
        "call → activity 1 starts": at(run, "start:1") - s.sentAt,
        "activities' own SQL (3 × 2 inserts)": [1, 2, 3].reduce((a, n) => a + at(run, `done:${n}`) - at(run, `start:${n}`), 0),
        "activity done → next activity starts (× 2)": at(run, "start:2") - at(run, "done:1") + at(run, "start:3") - at(run, "done:2"),
        "activity 3 done → result at the caller": s.doneAt - at(run, "done:3")
      }
      return Object.values(phases).some(Number.isNaN) ? [] : [phases]
    })
    const names = Object.keys(parts[0] ?? {}) as ReadonlyArray<keyof (typeof parts)[number]>
    const mean = (xs: ReadonlyArray<number>) => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length)
    const total = names.reduce((a, name) => a + mean(parts.map((p) => p[name])), 0)
    return names.map((name): WorkflowsPods.Phase => ({
      name,
      p50: ClusterReport.percentile(parts.map((p) => p[name]), 0.5),
      share: mean(parts.map((p) => p[name])) / total
    }))
  })

export const WorkflowsPods = { workflow, steps, http, breakdown } as const

export declare namespace WorkflowsPods {
  /** One call: its run id, when it was sent and answered (wall clock, epoch ms), and its latency (monotonic, ms). */
  interface Sample {
    readonly id: string
    readonly sentAt: number
    readonly doneAt: number
    readonly ms: number
  }
  interface Run {
    readonly ms: number
    readonly samples: ReadonlyArray<Sample>
    readonly errors: ReadonlyArray<string>
  }
  interface Phase {
    readonly name: string
    readonly p50: number
    readonly share: number
  }
}
