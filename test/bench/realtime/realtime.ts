/**
 * Realtime benchmark (`npm run bench:realtime`): on one PostgreSQL (embedded unless `DATABASE_URL` is set),
 * two pods of test/bench/realtime/pod.ts and a bare `node:http` SSE server, measured in one run — SSE fan-out
 * to N subscribers against the bare server, publish → SSE latency at a fixed rate, and a unary RPC's round
 * trip over WebSocket beside HTTP. Prints one table and writes `.bench/realtime.json`. Not a test: a missed
 * goal is reported, never fatal.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { availableParallelism, loadavg } from "node:os"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { ClusterPods } from "../_clusterPods.js"
import { FanOut } from "./_fanout.js"
import { Latency } from "./_latency.js"
import { RealtimeReport } from "./_report.js"
import { RoundTrip } from "./_roundtrip.js"

const _settings = Config.all({
  subscribers: Config.integer("BENCH_SUBSCRIBERS").pipe(Config.withDefault(2000)),
  messages: Config.integer("BENCH_MESSAGES").pipe(Config.withDefault(200)),
  rounds: Config.integer("BENCH_ROUNDS").pipe(Config.withDefault(3)),
  rate: Config.integer("BENCH_RATE").pipe(Config.withDefault(1000)),
  seconds: Config.number("BENCH_SECONDS").pipe(Config.withDefault(5)),
  latencySubscribers: Config.integer("BENCH_LATENCY_SUBSCRIBERS").pipe(Config.withDefault(10)),
  calls: Config.integer("BENCH_CALLS").pipe(Config.withDefault(500))
})

/**
 * The pods' environment: the per-connection WebSocket rate limit (100 messages/s by default) would answer
 * sequential calls Overloaded; everything else is the default.
 */
const _podEnv = { WS_MESSAGES_PER_SECOND: "1000000", WS_MESSAGE_BURST: "1000000" }

const _program = Effect.gen(function*() {
  const settings = yield* _settings
  const started = performance.now()
  const server = yield* Postgres.Server
  const db = yield* Postgres.database("bench_realtime")
  const loadBefore = loadavg()
  yield* Console.error(`PostgreSQL (${server.provider}): starting 2 pods and the bare SSE server…`)
  const [podA, podB, bare] = yield* Effect.all([
    ClusterPods.start("pod-a", db.url, _podEnv, "test/bench/realtime/pod.ts"),
    ClusterPods.start("pod-b", db.url, _podEnv, "test/bench/realtime/pod.ts"),
    ClusterPods.start("bare", db.url, {}, "test/bench/realtime/_baseline.ts")
  ], { concurrency: "unbounded" })
  yield* ClusterPods.ready([podA, podB])

  yield* Console.error(`RPC round trip: bench.Echo × ${settings.calls} per round, ${settings.rounds} rounds per transport…`)
  const roundTrip = yield* RoundTrip.run(podA, { calls: settings.calls, rounds: settings.rounds, warmup: 200 })

  const latencyWith = (subscribers: number) =>
    Console.error(`latency: ${settings.rate} msg/s for 1 + ${settings.seconds} s, ${subscribers} SSE subscriber(s) on pod-a…`).pipe(
      Effect.zipRight(Latency.run({
        databaseUrl: db.url,
        events: podA.url(`/events/chat/Feed?key=room-lobbylat${subscribers}&access_token=user-bench`),
        key: `room-lobbylat${subscribers}`,
        subscribers,
        rate: settings.rate,
        seconds: settings.seconds,
        warmSeconds: 1
      }))
    )
  const latencyOne = yield* latencyWith(1)
  const latency = yield* latencyWith(settings.latencySubscribers)

  yield* Console.error(`fan-out: ${settings.subscribers} SSE subscribers on pod-a (published by pod-b) and on the bare server…`)
  const fanOut = yield* Effect.scoped(Effect.gen(function*() {
    const ours = yield* FanOut.open(FanOut.pod("pod", podA, podB, "room-lobby"), settings.subscribers)
    const bareSide = yield* FanOut.open(FanOut.baseline("baseline", bare), settings.subscribers)
    return yield* FanOut.compare([bareSide, ours], settings.messages, settings.rounds)
  }))

  const report: RealtimeReport = {
    date: DateTime.formatIso(yield* DateTime.now),
    node: process.version,
    cpus: availableParallelism(),
    server: server.provider,
    loadavg: { before: loadBefore, after: loadavg() },
    wallSeconds: (performance.now() - started) / 1000,
    settings: { subscribers: settings.subscribers, messages: settings.messages, rounds: settings.rounds, rate: settings.rate, seconds: settings.seconds },
    fanOut,
    latency,
    latencyOne,
    roundTrip
  }
  yield* Console.log(RealtimeReport.lines(report).join("\n"))
  const fs = yield* FileSystem.FileSystem
  yield* fs.makeDirectory(".bench", { recursive: true })
  yield* fs.writeFileString(".bench/realtime.json", JSON.stringify(report, null, 2) + "\n")
  yield* Console.log("wrote .bench/realtime.json")
})

_program.pipe(
  Effect.scoped,
  Effect.provide(Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)),
  NodeRuntime.runMain
)
