/**
 * One pod of the events tests, as a real OS process: the shop's subscriptions and the events runtime on
 * the PostgreSQL cluster, plus HTTP routes that publish in transactions (some rolled back, some
 * published twice). Configured by environment variables only.
 */
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { createServer } from "node:http"
import { Cluster } from "../../runtime/Cluster.js"
import { ClusterConfig } from "../../runtime/ClusterConfig.js"
import { Health } from "../../runtime/Health.js"
import { Shop } from "./Shop.js"

const _Batch = Schema.Array(Schema.Struct({
  id: Schema.Int,
  rollback: Schema.Boolean,
  twice: Schema.Boolean,
  refund: Schema.Boolean
}))

/** One business transaction: the sale row and its events commit (or roll back) together. */
const _transaction = (sql: SqlClient.SqlClient, t: typeof _Batch.Type[number]) =>
  sql.withTransaction(Effect.gen(function*() {
    yield* sql`INSERT INTO ev_sales (id) VALUES (${t.id})`
    const sale = Shop.Sale.make({ payload: { id: t.id, amount: 1 } })
    yield* Shop.publish(t.refund ? [sale, Shop.Refund.make({ payload: { id: t.id } })] : sale)
    return yield* t.rollback ? Effect.fail("rollback" as const) : Effect.succeed(t.id)
  })).pipe(
    // A publisher retry: the same event again, in a transaction of its own.
    Effect.tap(() => t.twice ? Shop.publish(Shop.Sale.make({ payload: { id: t.id, amount: 1 } })) : Effect.void),
    Effect.option
  )

const _routes = HttpRouter.empty.pipe(
  HttpRouter.post(
    "/batch",
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const batch = yield* HttpServerRequest.schemaBodyJson(_Batch)
      const outcomes = yield* Effect.forEach(batch, (t) => _transaction(sql, t))
      return yield* HttpServerResponse.json({ committed: outcomes.flatMap((o) => o._tag === "Some" ? [o.value] : []) })
    })
  ),
  HttpRouter.post(
    "/invalid",
    Shop.publish({ _tag: "Sale", payload: { id: 1, amount: -5 } }).pipe(
      Effect.flip,
      Effect.flatMap((error) => HttpServerResponse.json({ error: error._tag, message: error.message }))
    )
  ),
  HttpRouter.concat(Health.router),
  HttpRouter.catchAllCause((cause) => HttpServerResponse.text(String(cause), { status: 500 }))
)

const _http = Layer.unwrapEffect(Effect.gen(function*() {
  const port = yield* Config.port("HTTP_PORT")
  return HttpServer.serve(_routes).pipe(Layer.provide(NodeHttpServer.layer(createServer, { port, host: "127.0.0.1" })))
}))

const _observe = Health.layer().pipe(
  Layer.provideMerge(Layer.orDie(SqlRunnerStorage.layer)),
  Layer.provideMerge(Layer.unwrapEffect(ClusterConfig.load().pipe(
    Effect.map((c) => ShardingConfig.layer(ClusterConfig.sharding(c))),
    Effect.orDie
  )))
)

const _main = Layer.mergeAll(_http, Shop.subscriptions).pipe(
  Layer.provide(_observe),
  Layer.provide(Cluster.layerConfig()),
  Layer.provide(PgClient.layerConfig({ url: Config.redacted("DATABASE_URL") }))
)

NodeRuntime.runMain(Layer.launch(_main))
