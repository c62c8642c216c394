/**
 * Cluster benchmark helpers: the probe app's pods as real OS processes (`node --import tsx
 * test/runtime/cluster/app/pod.ts`) on free ports, their CPU time, and calls to their benchmark routes.
 */
import * as Command from "@effect/platform/Command"
import * as FileSystem from "@effect/platform/FileSystem"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { fileURLToPath } from "node:url"
import { Pods } from "../runtime/cluster/Pods.js"

const _root = fileURLToPath(new URL("../..", import.meta.url))

/** GET a pod route; succeeds with the status code (0 when nothing answers). */
const _status = (url: string) =>
  HttpClient.get(url).pipe(
    Effect.map((r) => r.status),
    Effect.scoped,
    Effect.timeout("2 seconds"),
    Effect.orElseSucceed(() => 0)
  )

/**
 * Start one pod and wait until `/readyz` passes (database up, runner registered, shards held). Killed
 * (its whole process group) when the scope closes. The last 64 kB of its output are kept for errors.
 */
const start = Effect.fn("ClusterPods.start")(function*(
  name: string,
  databaseUrl: string,
  env: Readonly<Record<string, string>>,
  /** The pod's entry point, relative to the checkout (default: the probe app). */
  script = "test/runtime/cluster/app/pod.ts"
) {
  const httpPort = yield* Pods.freePort
  const runnerPort = yield* Pods.freePort
  const logs = yield* Ref.make("")
  const proc = yield* Command.make(process.execPath, "--import", "tsx", script).pipe(
    // `BENCH_POD_ROOT`: run another checkout's pod (e.g. a `git worktree` of the last commit) for an A/B.
    Command.workingDirectory(env["BENCH_POD_ROOT"] ?? process.env["BENCH_POD_ROOT"] ?? _root),
    Command.env({
      ...env,
      DATABASE_URL: databaseUrl,
      POD_NAME: name,
      HTTP_PORT: String(httpPort),
      CLUSTER_RUNNER_PORT: String(runnerPort)
    }),
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
  const url = (path: string) => `http://127.0.0.1:${httpPort}${path}`
  yield* _status(url("/readyz")).pipe(
    Effect.filterOrFail((status) => status === 200, () => "not ready"),
    Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 300 }),
    Effect.catchAll(() =>
      Ref.get(logs).pipe(Effect.flatMap((l) => Effect.dieMessage(`pod ${name} did not get ready in 60 s:\n${l.slice(-4000)}`)))
    )
  )
  const pod: ClusterPods.Pod = { name, pid: proc.pid, url, logs: Ref.get(logs) }
  return pod
})

/** Wait until every pod is ready again (after another pod joined, shards move). */
const ready = (pods: ReadonlyArray<ClusterPods.Pod>) =>
  Effect.forEach(pods, (pod) =>
    _status(pod.url("/readyz")).pipe(
      Effect.filterOrFail((status) => status === 200, () => "not ready"),
      Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 150 }),
      Effect.orDie
    ), { discard: true })

/** POST a pod route and decode its JSON reply; a failed call dies with the pod's recent output. */
const post = <A, I>(pod: ClusterPods.Pod, path: string, schema: Schema.Schema<A, I>) =>
  HttpClient.execute(HttpClientRequest.post(pod.url(path))).pipe(
    Effect.flatMap(HttpClientResponse.filterStatusOk),
    Effect.flatMap(HttpClientResponse.schemaBodyJson(schema)),
    Effect.scoped,
    Effect.timeout("5 minutes"),
    Effect.catchAll((e) =>
      pod.logs.pipe(Effect.flatMap((l) => Effect.dieMessage(`${pod.name} ${path}: ${String(e)}\n${l.slice(-3000)}`)))
    )
  )

/** User and system clock ticks of a process, from its `/proc/<pid>/stat` line. */
const _split = (stat: string) => {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  return { user: Number(fields[11]), system: Number(fields[12]) }
}

const _ticks = (stat: string): number => {
  const { system, user } = _split(stat)
  return user + system
}

/** Like `cpuMs`, split into user and system (kernel: syscalls such as socket writes) time. */
const cpuSplitMs = (pods: ReadonlyArray<ClusterPods.Pod>) =>
  Effect.flatMap(FileSystem.FileSystem, (fs) =>
    Effect.forEach(pods, (pod) =>
      fs.readFileString(`/proc/${pod.pid}/stat`).pipe(
        Effect.map(_split),
        Effect.orElseSucceed(() => ({ user: Number.NaN, system: Number.NaN }))
      )).pipe(Effect.map((xs) => ({
        user: 10 * xs.reduce((a, x) => a + x.user, 0),
        system: 10 * xs.reduce((a, x) => a + x.system, 0)
      }))))

/**
 * CPU time (user + system, ms) the pods' processes used so far, from `/proc/<pid>/stat` (Linux; NaN
 * elsewhere). Ticks are 10 ms: measure over seconds, not milliseconds.
 */
const cpuMs = (pods: ReadonlyArray<ClusterPods.Pod>) =>
  Effect.flatMap(FileSystem.FileSystem, (fs) =>
    Effect.forEach(pods, (pod) =>
      fs.readFileString(`/proc/${pod.pid}/stat`).pipe(
        Effect.map((stat) => _ticks(stat) * 10),
        Effect.orElseSucceed(() => Number.NaN)
      )).pipe(Effect.map((xs) => xs.reduce((a, b) => a + b, 0))))

export const ClusterPods = { start, ready, post, cpuMs, cpuSplitMs } as const

export declare namespace ClusterPods {
  interface Pod {
    readonly name: string
    readonly pid: number
    readonly url: (path: string) => string
    /** The pod's recent output (stdout and stderr). */
    readonly logs: Effect.Effect<string>
  }
}
