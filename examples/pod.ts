/**
 * One pod of the example app as its own OS process: the generated `AppLayer` on the PostgreSQL cluster,
 * serving the public RPCs over HTTP and WebSocket, the channels over SSE, health probes and `/context`.
 * Configured by environment variables only; it holds no state of its own (entity state and read models are in
 * PostgreSQL), and knows nothing of other pods (channel messages reach it through PostgreSQL).
 */
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import type { Contract } from "effect-contracts"
import { Cluster } from "effect-contracts/Cluster"
import { ClusterConfig } from "effect-contracts/ClusterConfig"
import { ClusterState } from "effect-contracts/ClusterState"
import { ClusterWatcher } from "effect-contracts/ClusterWatcher"
import { Postgres } from "effect-contracts/Postgres"
import { RequestContext } from "effect-contracts/RequestContext"
import { Server } from "effect-contracts/Server"
import NotificationsContract from "../contracts/notifications.contract.js"
import OrdersContract from "../contracts/orders.contract.js"
import PaymentsContract from "../contracts/payments.contract.js"
import { Inventory } from "./app/Inventory.js"
import { ReadModels } from "./app/ReadModels.js"
import { AppChannels, AppLayer, AppRpcs, AppVersion } from "./generated/Layer.js"
import { WebPage } from "./web/WebPage.js"

/** The pod's own settings; the cluster's (`CLUSTER_*`) and the database's (`DATABASE_URL`) are read by the runtime. */
const _settings = Config.all({
  pod: Config.string("POD_NAME").pipe(Config.withDefault("pod")),
  host: Config.string("HTTP_HOST").pipe(Config.withDefault("127.0.0.1")),
  port: Config.port("HTTP_PORT").pipe(Config.withDefault(8080)),
  logFormat: Config.literal("pretty", "json", "logfmt")("LOG_FORMAT").pipe(Config.withDefault("pretty" as const)),
  exitWithParent: Config.boolean("EXIT_WITH_PARENT").pipe(Config.withDefault(false))
})

type _Settings = Config.Config.Success<typeof _settings>

const _contracts: ReadonlyArray<Contract.Any> = [OrdersContract, PaymentsContract, NotificationsContract]

/** The singleton schedules of the contracts, by the name Sharding runs them under (`<contract>.<schedule>`). */
const _singletons = _contracts.flatMap((c) =>
  Object.entries(c.schedules ?? {}).filter(([, s]) => "singleton" in s).map(([name]) => `${c.name}.${name}`)
)

const _endpoints = {
  "POST /rpc/orders": "OrdersRpcs (RpcClient.layerProtocolHttp, NDJSON)",
  "POST /rpc/ordersChannels": "OrdersChannelRpcs: orders.OrderUpdates, orders.Operations ({ key: tenant, cursor? })",
  "POST /rpc/payments": "PaymentsRpcs",
  "POST /rpc/notifications": "NotificationsRpcs",
  "POST /rpc/notificationsChannels": "NotificationsChannelRpcs: notifications.InboxUpdates ({ key: <tenant>/<customer>, cursor? })",
  "GET /ws": `every group above on one WebSocket (JSON; ?format=msgpack; ?v=${AppVersion})`,
  "GET /events/orders/OrderUpdates?key=<tenant>": "a tenant's order changes as Server-Sent Events (Last-Event-ID resumes; ?access_token=)",
  "GET /events/orders/Operations?key=<tenant>": "a tenant's operators' notices (declined payments, cancelled orders), SSE",
  "GET /events/notifications/InboxUpdates?key=<tenant>/<customer>": "a customer's notifications, SSE",
  "GET /health": "every check, with latency",
  "GET /livez": "the process serves HTTP",
  "GET /readyz": "200 when every check is up, else 503",
  "GET /context": "this pod's runner, shards and the singletons it runs",
  "GET /app/": "the example web page (npm run web:build; its demo sign-in only with DEMO_SIGN_IN=true)"
}

/** Where this pod stands in the cluster right now, read from the request context (CLUS-04). */
const _context = (pod: string) =>
  Effect.flatMap(RequestContext, ({ cluster }) =>
    HttpServerResponse.json({
      pod,
      ...Option.match(cluster, {
        onNone: () => ({ cluster: null }),
        onSome: (c) => ({
          runner: ClusterState.address(c.runner),
          shards: c.shards().length,
          ranges: ClusterWatcher.ranges(c.shards()),
          singletons: _singletons.filter((name) => c.isLeader(name))
        })
      })
    }))

/** The pod's own routes beside what `Server` serves (the public RPCs and the health probes). */
const _routes = (pod: string) =>
  HttpRouter.empty.pipe(
    HttpRouter.get("/", HttpServerResponse.json({ pod, endpoints: _endpoints })),
    HttpRouter.get("/context", _context(pod)),
    HttpRouter.concat(WebPage.routes)
  )

/**
 * The HTTP server: every public RPC group (NDJSON over `POST /rpc/<group>`, and all of them on the WebSocket
 * `/ws`, whose clients are checked against `AppVersion`), the channels over SSE, probes, routes.
 */
const _http = (s: _Settings) =>
  Server.layer({
    rpcs: AppRpcs,
    channels: AppChannels,
    websocket: { version: AppVersion },
    routes: _routes(s.pod),
    host: s.host,
    port: s.port
  })

/**
 * The shard/runner watcher, with the runner storage and sharding config it and the health checks read (the
 * cluster layer keeps its own to itself).
 */
const _observe = ClusterWatcher.layer().pipe(
  Layer.provideMerge(Layer.orDie(SqlRunnerStorage.layer)),
  Layer.provideMerge(Layer.unwrapEffect(ClusterConfig.load().pipe(
    Effect.map((c) => ShardingConfig.layer(ClusterConfig.sharding(c))),
    Effect.orDie
  )))
)

/** Stdin is a pipe from the parent process (the demo): its end means the parent died, so stop as on SIGTERM. */
const _exitWithParent = Layer.scopedDiscard(Effect.forkScoped(
  Effect.async<void>((resume) => {
    const gone = () => resume(Effect.void)
    process.stdin.once("end", gone).once("close", gone).resume()
    return Effect.sync(() => void process.stdin.off("end", gone).off("close", gone).pause())
  }).pipe(
    Effect.zipRight(Effect.logWarning("parent process gone: shutting down")),
    Effect.zipRight(Effect.sync(() => process.kill(process.pid, "SIGTERM")))
  )
))

/**
 * A deadline on shutdown: with PostgreSQL gone (Ctrl+C reaches an embedded server too), the cluster's shard
 * release never completes, so a pod still stopping after 5 s exits anyway. Its advisory locks go with its
 * connections; an unref'd timer never keeps a pod alive that stopped in time.
 */
const _shutdownDeadline = Layer.scopedDiscard(Effect.addFinalizer(() =>
  Effect.sync(() => void setTimeout(() => process.exit(1), 5_000).unref())
))

const _loggers = { pretty: Logger.pretty, json: Logger.json, logfmt: Logger.logFmt } as const

const _main = Effect.gen(function*() {
  const s = yield* _settings
  const pod = Layer.mergeAll(_http(s), _shutdownDeadline, s.exitWithParent ? _exitWithParent : Layer.empty).pipe(
    Layer.provide(AppLayer.pipe(Layer.provideMerge(Layer.mergeAll(ReadModels.layer, Inventory.layer)))),
    Layer.provide(_observe),
    Layer.provide(Cluster.layerConfig()),
    Layer.provide(Postgres.layer)
  )
  return yield* Layer.launch(pod).pipe(Effect.provide(_loggers[s.logFormat]))
})

NodeRuntime.runMain(_main, { disablePrettyLogger: true })
