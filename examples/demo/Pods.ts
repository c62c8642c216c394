/**
 * The demo's pods: each `node --import tsx examples/pod.ts` as its own OS process on free ports, its output
 * in the journal, its typed RPC clients over HTTP. Stopped with the scope (SIGTERM, SIGKILL after 10 s).
 */
import * as Command from "@effect/platform/Command"
import type * as CommandExecutor from "@effect/platform/CommandExecutor"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as RpcClient from "@effect/rpc/RpcClient"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { createServer } from "node:net"
import { randomBytes } from "node:crypto"
import { fileURLToPath } from "node:url"
import { DemoTokens } from "../app/DemoTokens.js"
import { NotificationsClient } from "../generated/notifications/Client.js"
import { OrdersClient } from "../generated/orders/Client.js"
import { PaymentsClient } from "../generated/payments/Client.js"
import type { Journal } from "./Journal.js"

const _root = fileURLToPath(new URL("../..", import.meta.url))

/** The demo cluster's secret: its runner ports hear only its own pods (`CLUSTER_SECRET`). */
const _secret = randomBytes(24).toString("base64url")

/** A port nobody listens on right now (the OS picks it). */
const _freePort: Effect.Effect<number> = Effect.async<number>((resume) => {
  const server = createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

/**
 * One typed client per RPC group, each on its own HTTP protocol (two clients on one protocol hang). The
 * orders and payments RPCs need a verified user: each call carries the current fiber's token (`DemoTokens.as`).
 */
const _clients = (url: string) => {
  const protocol = (path: string) =>
    RpcClient.layerProtocolHttp({ url: `${url}${path}` }).pipe(Layer.provide(RpcSerialization.layerNdjson))
  return Layer.mergeAll(
    OrdersClient.bearer(DemoTokens.current).pipe(Layer.provide(protocol("/rpc/orders"))),
    PaymentsClient.bearer(DemoTokens.current).pipe(Layer.provide(protocol("/rpc/payments"))),
    NotificationsClient.layer.pipe(Layer.provide(protocol("/rpc/notifications")))
  )
}

const _Check = Schema.Struct({
  status: Schema.Literal("up", "down"),
  latencyMs: Schema.Number,
  error: Schema.optional(Schema.String),
  details: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

/** The body of `/health` and `/readyz` (runtime/http/Health.ts). */
const Report = Schema.Struct({ status: Schema.Literal("up", "down"), checks: Schema.Record({ key: Schema.String, value: _Check }) })

/** The body of a pod's `/context`. */
const Context_ = Schema.Struct({
  pod: Schema.String,
  runner: Schema.String,
  shards: Schema.Number,
  ranges: Schema.String,
  singletons: Schema.Array(Schema.String)
})

/** GET a pod route and decode its JSON body, whatever the status (`/readyz` answers 503 with a report). */
const get = <A, I>(pod: DemoPods.Pod, path: string, schema: Schema.Schema<A, I>) =>
  HttpClient.get(`${pod.url}${path}`).pipe(
    Effect.flatMap((r) => Effect.map(HttpClientResponse.schemaBodyJson(schema)(r), (body) => ({ status: r.status, body }))),
    Effect.timeout("5 seconds"),
    Effect.scoped
  )

/**
 * Ask the process to stop (SIGTERM: the pod shuts its cluster runner down, in under 5 s by its own deadline),
 * SIGKILL if it is still there after 10 s. Interruptible inside the finalizer, so the timeout can fire.
 */
const _stop = (name: string, process: CommandExecutor.Process) =>
  Effect.gen(function*() {
    const start = yield* Clock.currentTimeMillis
    const how = yield* process.kill("SIGTERM").pipe(
      Effect.interruptible,
      Effect.timeout("10 seconds"),
      Effect.as("SIGTERM"),
      Effect.orElse(() => process.kill("SIGKILL").pipe(Effect.as("SIGKILL after 10 s"), Effect.orElse(() => Effect.succeed("gone"))))
    )
    const took = ((yield* Clock.currentTimeMillis) - start) / 1000
    yield* Console.log(`  ${name} stopped (${how}, ${took.toFixed(1)} s)`)
  })

/** Start one pod; it serves HTTP a few seconds later (see `ready`). */
const start = Effect.fn("DemoPods.start")(function*(options: {
  readonly name: string
  readonly databaseUrl: string
  readonly journal: Journal
}) {
  const { databaseUrl, journal, name } = options
  const httpPort = yield* _freePort
  const runnerPort = yield* _freePort
  const process = yield* Command.make(globalThis.process.execPath, "--import", "tsx", "examples/pod.ts").pipe(
    Command.workingDirectory(_root),
    Command.env({
      DATABASE_URL: databaseUrl,
      POD_NAME: name,
      HTTP_PORT: String(httpPort),
      CLUSTER_RUNNER_PORT: String(runnerPort),
      CLUSTER_SECRET: _secret,
      LOG_FORMAT: "json",
      EXIT_WITH_PARENT: "true",
      // The web page's demo sign-in (examples/web/WebPage.ts): a demo, never set in production.
      DEMO_SIGN_IN: "true"
    }),
    Command.start
  )
  yield* Effect.addFinalizer(() => _stop(name, process))
  const record = <E>(stream: Stream.Stream<Uint8Array, E>) =>
    stream.pipe(
      Stream.decodeText(),
      Stream.splitLines,
      Stream.runForEach((l) => journal.add(name, l)),
      Effect.ignore,
      Effect.forkScoped
    )
  yield* record(process.stdout)
  yield* record(process.stderr)
  const url = `http://127.0.0.1:${httpPort}`
  const clients = yield* Layer.build(_clients(url))
  const pod: DemoPods.Pod = {
    name,
    url,
    runner: `127.0.0.1:${runnerPort}`,
    pid: process.pid,
    running: Effect.orElseSucceed(process.isRunning, () => false),
    orders: Context.get(clients, OrdersClient),
    payments: Context.get(clients, PaymentsClient),
    notifications: Context.get(clients, NotificationsClient)
  }
  return pod
})

/**
 * Wait until every pod answers `/readyz` with 200 and together they hold all `shards` (the hand-over after a
 * pod joins is over). Dies with the pod's last log lines if one exits, or after `timeout`.
 */
const ready = (pods: ReadonlyArray<DemoPods.Pod>, journal: Journal, shards: number) =>
  Effect.gen(function*() {
    const reports = yield* Effect.forEach(pods, (pod) =>
      pod.running.pipe(
        Effect.filterOrElse((up) => up, () =>
          Effect.flatMap(journal.tail(pod.name, 40), (tail) => Effect.dieMessage(`${pod.name} exited while starting:\n${tail}`))),
        Effect.zipRight(get(pod, "/readyz", Report)),
        Effect.map((r) => ({ pod, ready: r.status === 200, shards: Number(r.body.checks["cluster"]?.details?.["shards"] ?? 0) })),
        Effect.orElseSucceed(() => ({ pod, ready: false, shards: 0 }))
      ), { concurrency: "unbounded" })
    const held = reports.reduce((n, r) => n + r.shards, 0)
    return yield* reports.every((r) => r.ready) && held === shards
      ? Effect.succeed(reports.map((r) => ({ pod: r.pod, shards: r.shards })))
      : Effect.fail(`${held} of ${shards} shards held`)
  }).pipe(
    Effect.retry(Schedule.spaced("200 millis")),
    Effect.timeoutFail({ duration: "90 seconds", onTimeout: () => "pods not ready within 90 s" }),
    Effect.catchAll((reason) =>
      Effect.forEach(pods, (p) => journal.tail(p.name, 20)).pipe(
        Effect.flatMap((tails) => Effect.dieMessage(`${reason}\n${tails.join("\n")}`))
      )
    )
  )

/** Start pods, wait for them, read their routes: what `examples/demo.ts` and the tour use. */
export const DemoPods = { start, ready, get, Report, Context: Context_ } as const

export declare namespace DemoPods {
  interface Pod {
    readonly name: string
    /** `http://127.0.0.1:<port>`: RPCs at `/rpc/<contract>`, `/health`, `/livez`, `/readyz`, `/context`. */
    readonly url: string
    /** The cluster runner's address (`host:port`). */
    readonly runner: string
    readonly pid: number
    readonly running: Effect.Effect<boolean>
    readonly orders: Context.Tag.Service<OrdersClient>
    readonly payments: Context.Tag.Service<PaymentsClient>
    readonly notifications: Context.Tag.Service<NotificationsClient>
  }
  type Report = typeof Report.Type
  type Context = typeof Context_.Type
}
