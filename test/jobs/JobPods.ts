/**
 * Real pods of the jobs app (`node --import tsx test/jobs/pod.ts`) on free ports for the multi-pod test
 * and `bench:jobs`, killed with their scope. Only `start` differs from the probe pods' (`ClusterPods`): the script.
 */
import * as Command from "@effect/platform/Command"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { fileURLToPath } from "node:url"
import { ClusterPods } from "../bench/_clusterPods.js"
import { Pods } from "../cluster/Pods.js"

const _root = fileURLToPath(new URL("../..", import.meta.url))

/** Start one pod (its output kept, last 64 kB); it is killed when the scope closes. */
const start = Effect.fn("JobPods.start")(function*(name: string, databaseUrl: string, env: Readonly<Record<string, string>> = {}) {
  const httpPort = yield* Pods.freePort
  const runnerPort = yield* Pods.freePort
  const logs = yield* Ref.make("")
  const proc = yield* Command.make(process.execPath, "--import", "tsx", "test/jobs/pod.ts").pipe(
    Command.workingDirectory(_root),
    Command.env({ ...env, DATABASE_URL: databaseUrl, POD_NAME: name, HTTP_PORT: String(httpPort), CLUSTER_RUNNER_PORT: String(runnerPort) }),
    Command.start
  )
  const drain = (s: Stream.Stream<Uint8Array, unknown>) =>
    s.pipe(
      Stream.decodeText(),
      Stream.runForEach((chunk) => Ref.update(logs, (l) => (l + chunk).slice(-65536))),
      Effect.ignore,
      Effect.forkScoped
    )
  yield* drain(proc.stdout)
  yield* drain(proc.stderr)
  const pod: JobPods.Pod = { name, pid: proc.pid, url: (path) => `http://127.0.0.1:${httpPort}${path}`, logs: Ref.get(logs) }
  return pod
})

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
