/**
 * Real pods of the jobs app (`node --import tsx test/runtime/jobs/pod.ts`) on free ports for the multi-pod test
 * and `bench:jobs`, killed with their scope: the probe pods' helpers (`ClusterPods`) with the jobs script.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { ClusterPods } from "../../bench/_clusterPods.js"

/** Start one jobs pod and wait for its `/readyz`; it is killed when the scope closes. */
const start = (name: string, databaseUrl: string, env: Readonly<Record<string, string>> = {}) =>
  ClusterPods.start(name, databaseUrl, env, "test/runtime/jobs/pod.ts")

const _Health = Schema.Struct({
  checks: Schema.Struct({ cluster: Schema.Struct({ details: Schema.optional(Schema.Struct({ shards: Schema.Number })) }) })
})

/**
 * Wait until the pods hold every shard between them, each some (`/health`'s cluster details): after a pod
 * joins, shards move for a while, and a job running on a shard that moves away runs again (at least once).
 */
const settled = (pods: ReadonlyArray<JobPods.Pod>, shards = 300) =>
  Effect.forEach(pods, (pod) =>
    HttpClient.get(pod.url("/health")).pipe(
      Effect.flatMap(HttpClientResponse.schemaBodyJson(_Health)),
      Effect.scoped,
      Effect.map((h) => h.checks.cluster.details?.shards ?? 0),
      Effect.orElseSucceed(() => 0)
    )).pipe(
      Effect.filterOrFail((held) => held.every((n) => n > 0) && held.reduce((a, b) => a + b, 0) === shards, () => "moving"),
      Effect.retry({ schedule: Schedule.spaced("500 millis"), times: 240 }),
      Effect.orDie
    )

/** Waiting for `/readyz`, calling routes and reading CPU time work as for the probe pods: the same helpers. */
export const JobPods = { start, settled, ready: ClusterPods.ready, post: ClusterPods.post, cpuMs: ClusterPods.cpuMs } as const

export declare namespace JobPods {
  /** A running pod: its name, pid, URL maker and recent output. */
  type Pod = ClusterPods.Pod
}
