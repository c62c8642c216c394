/**
 * The cluster benchmark's latency phase: send → handler start, one call at a time from each pod, split
 * by whether the entity lived on the calling pod. Measures only; the report judges.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { ClusterPods } from "./_clusterPods.js"
import { ClusterReport } from "./_clusterReport.js"
import { ClusterSql } from "./_clusterSql.js"

const _Samples = Schema.Struct({
  pod: Schema.String,
  samples: Schema.Array(Schema.Struct({
    messageId: Schema.String,
    pod: Schema.String,
    sentAt: Schema.Number,
    startedAt: Schema.Number,
    ms: Schema.Number
  }))
})

/** When `Probe.Hit` handlers started: their `probe_effects` row's `now()` (the generated Hit does not say). */
const _effectTimes = (url: string, prefix: string) =>
  ClusterSql.withSql(url, (sql) =>
    sql<{ message_id: string; at: number }>`SELECT message_id, extract(epoch FROM at) * 1000 AS at
      FROM probe_effects WHERE message_id LIKE ${`${prefix}%`}`).pipe(
        Effect.map((rows) => new Map(rows.map((r) => [r.message_id, Number(r.at)])))
      )

const _names = {
  volatile: "volatile Probe.Where (handler clock, 1 ms resolution)",
  generated: "persisted Probe.Hit (start = its SQL row's now())",
  raw: "persisted RawProbe.Stamp (handler clock)"
} as const

/** `calls` calls per pod, 15 ms apart, both pods at once; a call's time is its handler's start − send. */
const measure = Effect.fn("ClusterLatency.measure")(function*(
  ctx: { readonly url: string; readonly pods: ReadonlyArray<ClusterPods.Pod>; readonly latencyCalls: number },
  target: "volatile" | "generated" | "raw",
  phase: ClusterReport.Phase
): Effect.fn.Return<ClusterReport.Latency, never, HttpClient.HttpClient> {
  const prefix = `lat-${phase === "fresh" ? "f" : "l"}-${target}`
  const results = yield* Effect.forEach(ctx.pods, (pod) =>
    ClusterPods.post(
      pod,
      `/bench/latency?target=${target}&n=${ctx.latencyCalls}&gapMs=15&prefix=${prefix}-${pod.name}&entities=64`,
      _Samples
    ), { concurrency: "unbounded" })
  const starts = target === "generated" ? yield* _effectTimes(ctx.url, prefix) : new Map<string, number>()
  const rows = results.flatMap((r) =>
    r.samples.map((s) => ({
      same: s.pod === r.pod,
      ms: (target === "generated" ? starts.get(s.messageId) ?? Number.NaN : s.startedAt) -
        (target === "volatile" ? Math.floor(s.sentAt) : s.sentAt)
    }))
  )
  const of = (same: boolean) => ClusterReport.pcts(rows.filter((x) => x.same === same && !Number.isNaN(x.ms)).map((x) => x.ms))
  return { target, phase, name: _names[target], same: of(true), cross: of(false) }
})

/** Rows in `cluster_messages`, live and dead (updated or deleted, not yet vacuumed): reads scan past the dead. */
const tableState = (url: string) =>
  ClusterSql.withSql(url, (sql) =>
    sql<{ live: number; dead: number }>`SELECT n_live_tup AS live, n_dead_tup AS dead
      FROM pg_stat_user_tables WHERE relname = 'cluster_messages'`).pipe(
        Effect.map((rows) => ({ live: Number(rows[0]?.live ?? 0), dead: Number(rows[0]?.dead ?? 0) }))
      )

export const ClusterLatency = { measure, tableState } as const
