/**
 * The wiring every test pod process shares: its routes served on `HTTP_PORT` (127.0.0.1), and beneath the
 * app the PostgreSQL cluster from the environment (`DATABASE_URL`, `CLUSTER_*`) with health checks and the
 * shard watcher — those read the runner storage and sharding config, which the cluster keeps to itself.
 */
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpRouter from "@effect/platform/HttpRouter"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { createServer } from "node:http"
import { Cluster } from "../../runtime/cluster/Cluster.js"
import { ClusterConfig } from "../../runtime/cluster/ClusterConfig.js"
import { ClusterWatcher } from "../../runtime/cluster/ClusterWatcher.js"
import { Health } from "../../runtime/http/Health.js"

/** Serve `router` on `HTTP_PORT`. */
const http = <E, R>(router: HttpRouter.HttpRouter<E, R>) =>
  Layer.unwrapEffect(Effect.map(Config.port("HTTP_PORT"), (port) =>
    HttpServer.serve(router).pipe(Layer.provide(NodeHttpServer.layer(createServer, { port, host: "127.0.0.1" })))))

/** Health checks and the watcher, over the cluster, over PostgreSQL: provide it to the pod's app and routes. */
const infra = Layer.mergeAll(Health.layer(), ClusterWatcher.layer()).pipe(
  Layer.provideMerge(Layer.orDie(SqlRunnerStorage.layer)),
  Layer.provideMerge(Layer.unwrapEffect(ClusterConfig.load().pipe(
    Effect.map((c) => ShardingConfig.layer(ClusterConfig.sharding(c))),
    Effect.orDie
  ))),
  Layer.provideMerge(Cluster.layerConfig()),
  Layer.provideMerge(PgClient.layerConfig({ url: Config.redacted("DATABASE_URL") }))
)

export const TestPod = { http, infra } as const
