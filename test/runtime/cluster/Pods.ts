/**
 * Real pods for multi-process tests: each is `node --import tsx test/runtime/cluster/app/pod.ts` as its own OS
 * process on free ports, killed when the test's scope closes (or earlier with `kill9`).
 */
import * as Command from "@effect/platform/Command"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { createConnection, createServer } from "node:net"
import { randomBytes } from "node:crypto"
import { fileURLToPath } from "node:url"

const _root = fileURLToPath(new URL("../../..", import.meta.url))
const _node = globalThis.process.execPath

/** The cluster secret of this test process's pods (`CLUSTER_SECRET`): one per process, never logged. */
const _secret = randomBytes(24).toString("base64url")

/** A port nobody listens on right now (the OS picks it). */
const freePort: Effect.Effect<number> = Effect.async<number>((resume) => {
  const server = createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

const _listening = (port: number): Effect.Effect<boolean> =>
  Effect.async<boolean>((resume) => {
    const socket = createConnection({ host: "127.0.0.1", port })
    socket.once("connect", () => (socket.destroy(), resume(Effect.succeed(true))))
    socket.once("error", () => (socket.destroy(), resume(Effect.succeed(false))))
  })

/** Start one pod and wait until its HTTP port accepts connections (the cluster layer is up by then). */
const start = Effect.fn("Pods.start")(function*(options: {
  readonly name: string
  readonly databaseUrl: string
  readonly env?: Readonly<Record<string, string>>
  /** The pod's entry point, relative to the repo root (default: the probe app). */
  readonly script?: string
}) {
  const httpPort = yield* freePort
  const runnerPort = yield* freePort
  const logs = yield* Ref.make("")
  const process = yield* Command.make(_node, "--import", "tsx", options.script ?? "test/runtime/cluster/app/pod.ts").pipe(
    Command.workingDirectory(_root),
    Command.env({
      DATABASE_URL: options.databaseUrl,
      POD_NAME: options.name,
      HTTP_PORT: String(httpPort),
      CLUSTER_RUNNER_PORT: String(runnerPort),
      // Every test cluster runs with runner authentication on: kill -9, freeze and fail-over included.
      CLUSTER_SECRET: _secret,
      ...options.env
    }),
    Command.start
  )
  const drain = (stream: Stream.Stream<Uint8Array, unknown>) =>
    stream.pipe(
      Stream.decodeText(),
      Stream.runForEach((chunk) => Ref.update(logs, (l) => l + chunk)),
      Effect.ignore,
      Effect.forkScoped
    )
  yield* drain(process.stdout)
  yield* drain(process.stderr)
  yield* _listening(httpPort).pipe(
    Effect.filterOrFail((up) => up, () => "not listening yet"),
    Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 300 }),
    Effect.orElse(() =>
      Ref.get(logs).pipe(Effect.flatMap((l) => Effect.dieMessage(`pod ${options.name} did not start:\n${l}`)))
    )
  )
  const pod: Pods.Pod = {
    name: options.name,
    httpPort,
    runnerPort,
    pid: process.pid,
    logs: Ref.get(logs),
    kill9: process.kill("SIGKILL").pipe(Effect.ignore),
    signal: (signal) => Effect.sync(() => void globalThis.process.kill(process.pid, signal)),
    url: (path: string) => `http://127.0.0.1:${httpPort}${path}`
  }
  return pod
})

/** POST/GET a pod route and decode its JSON body; fails (never hangs) after `timeout`. */
const call = (pod: Pods.Pod, method: "GET" | "POST", path: string, timeout: Duration.DurationInput = "40 seconds") =>
  HttpClient.execute(HttpClientRequest.make(method)(pod.url(path))).pipe(
    Effect.flatMap((r) => r.status === 200 ? r.json : Effect.flatMap(r.text, (t) => Effect.fail(new Error(`${r.status}: ${t}`)))),
    Effect.scoped,
    Effect.timeoutFail({ duration: timeout, onTimeout: () => new Error(`${method} ${path} timed out on ${pod.name}`) })
  )

export const Pods = { start, call, freePort } as const

export declare namespace Pods {
  interface Pod {
    readonly name: string
    readonly httpPort: number
    readonly runnerPort: number
    readonly pid: number
    /** Everything the pod printed so far. */
    readonly logs: Effect.Effect<string>
    /** `kill -9`: no shutdown hooks, sockets and locks dropped by the OS. */
    readonly kill9: Effect.Effect<void>
    /** Send `SIGSTOP` (freeze: no code runs, sockets stay open) or `SIGCONT` (resume); returns at once. */
    readonly signal: (signal: "SIGSTOP" | "SIGCONT") => Effect.Effect<void>
    readonly url: (path: string) => string
  }
}
