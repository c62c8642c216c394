/**
 * Real pods of the jobs app (`node --import tsx test/jobs/pod.ts`) on free ports for the multi-pod test
 * and `bench:jobs`: started, waited for (`/readyz`: shards held), called, and killed with their scope.
 */
import * as Command from "@effect/platform/Command"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { fileURLToPath } from "node:url"
import { Pods } from "../cluster/Pods.js"

const _root = fileURLToPath(new URL("../..", import.meta.url))

/** GET a route; the status code (0 when nothing answers). */
const _status = (url: string) =>
  HttpClient.get(url).pipe(
    Effect.map((r) => r.status),
    Effect.scoped,
    Effect.timeout("2 seconds"),
    Effect.orElseSucceed(() => 0)
  )

/** Wait until every pod answers `/readyz` with 200 (after a pod joins, shards move). */
const ready = (pods: ReadonlyArray<JobPods.Pod>) =>
  Effect.forEach(pods, (pod) =>
    _status(pod.url("/readyz")).pipe(
      Effect.filterOrFail((status) => status === 200, () => "not ready"),
      Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 300 }),
      Effect.catchAll(() => pod.logs.pipe(Effect.flatMap((l) => Effect.dieMessage(`pod ${pod.name} not ready:\n${l.slice(-4000)}`))))
    ), { concurrency: "unbounded", discard: true })

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

/** POST a route and decode its JSON reply; a failed call dies with the pod's recent output. */
const post = <A, I>(pod: JobPods.Pod, path: string, schema: Schema.Schema<A, I>) =>
  HttpClient.execute(HttpClientRequest.post(pod.url(path))).pipe(
    Effect.flatMap(HttpClientResponse.filterStatusOk),
    Effect.flatMap(HttpClientResponse.schemaBodyJson(schema)),
    Effect.scoped,
    Effect.timeout("5 minutes"),
    Effect.catchAll((e) => pod.logs.pipe(Effect.flatMap((l) => Effect.dieMessage(`${pod.name} ${path}: ${String(e)}\n${l.slice(-3000)}`))))
  )

export const JobPods = { start, ready, post } as const

export declare namespace JobPods {
  interface Pod {
    readonly name: string
    readonly pid: number
    readonly url: (path: string) => string
    /** The pod's recent output (stdout and stderr). */
    readonly logs: Effect.Effect<string>
  }
}
