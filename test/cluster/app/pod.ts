/**
 * One pod of the cluster tests' app, as a real OS process: the generated `AppLayer` on the PostgreSQL
 * cluster, plus HTTP routes the tests drive it through. Configured by environment variables only.
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { createServer } from "node:http"
import { Cluster } from "../../../runtime/Cluster.js"
import { ClusterConfig } from "../../../runtime/ClusterConfig.js"
import { ClusterState } from "../../../runtime/ClusterState.js"
import { ClusterWatcher } from "../../../runtime/ClusterWatcher.js"
import { Health } from "../../../runtime/Health.js"
import { RequestContext } from "../../../runtime/RequestContext.js"
import { BenchRoutes } from "./bench/BenchRoutes.js"
import { RawProbe } from "./bench/RawProbe.js"
import { AppLayer } from "./generated/Layer.js"
import { ProbeEntity } from "./generated/probe/entities/Probe.js"

const _routes = Effect.gen(function*() {
  const probe = yield* ProbeEntity.client
  const bench = yield* BenchRoutes.router
  return HttpRouter.empty.pipe(
    HttpRouter.post(
      "/hit/:entity/:messageId",
      Effect.gen(function*() {
        const params = yield* HttpRouter.params
        const handled = yield* probe(params["entity"] ?? "").Hit({ messageId: params["messageId"] ?? "" })
        return yield* HttpServerResponse.json(handled)
      })
    ),
    HttpRouter.get(
      "/where/:entity",
      Effect.gen(function*() {
        const params = yield* HttpRouter.params
        const sentAt = yield* Clock.currentTimeMillis
        const where = yield* probe(params["entity"] ?? "").Where({ sentAt })
        return yield* HttpServerResponse.json({ ...where, sentAt, receivedAt: yield* Clock.currentTimeMillis })
      })
    ),
    HttpRouter.get(
      "/context/:entity",
      RequestContext.provide(Effect.gen(function*() {
        const params = yield* HttpRouter.params
        const { cluster } = yield* RequestContext
        return yield* HttpServerResponse.json(Option.getOrNull(Option.map(cluster, (c) => ({
          ...ClusterState.toJSON(c),
          local: c.isLocal(ProbeEntity, params["entity"] ?? ""),
          leader: c.isLeader("ClusterCron/probe.Tick")
        }))))
      }))
    ),
    HttpRouter.concat(Health.router),
    HttpRouter.concat(bench),
    HttpRouter.catchAllCause((cause) => HttpServerResponse.text(String(cause), { status: 500 }))
  )
})

const _http = Layer.unwrapEffect(Effect.gen(function*() {
  const port = yield* Config.port("HTTP_PORT")
  const router = yield* _routes
  return HttpServer.serve(router).pipe(
    HttpServer.withLogAddress,
    Layer.provide(NodeHttpServer.layer(createServer, { port, host: "127.0.0.1" }))
  )
}))

const _db = PgClient.layerConfig({ url: Config.redacted("DATABASE_URL") })

/**
 * Health checks and the shard/runner watcher, with the runner storage and sharding config they read
 * (the cluster layer keeps its own to itself).
 */
const _observe = Layer.mergeAll(Health.layer(), ClusterWatcher.layer()).pipe(
  Layer.provideMerge(Layer.orDie(SqlRunnerStorage.layer)),
  Layer.provideMerge(Layer.unwrapEffect(ClusterConfig.load().pipe(
    Effect.map((c) => ShardingConfig.layer(ClusterConfig.sharding(c))),
    Effect.orDie
  )))
)

const _main = Layer.mergeAll(_http, AppLayer, RawProbe.layer).pipe(
  Layer.provide(_observe),
  Layer.provide(Cluster.layerConfig()),
  Layer.provide(_db)
)

NodeRuntime.runMain(Layer.launch(_main))
