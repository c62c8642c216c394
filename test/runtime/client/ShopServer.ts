/**
 * The shop served, as the pod process and the in-process tests both run it: `Server` with the shop's groups at
 * version `ShopApp.version`, the realtime runtime on a SQLite file (it outlives a killed pod, so a restarted one
 * resumes the channel's log), the memory cluster, and `POST /publish?key=&from=&to=`, which publishes numbered
 * messages to `shop.Feed`, each in its own transaction.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Cluster } from "effect-contracts/Cluster"
import { Realtime } from "effect-contracts/Realtime"
import { Server } from "effect-contracts/Server"
import { ShopApp } from "./Shop.js"

const _Publish = Schema.Struct({ key: Schema.String, from: Schema.NumberFromString, to: Schema.NumberFromString })

const _routes = HttpRouter.empty.pipe(
  HttpRouter.post("/publish", Effect.gen(function*() {
    const q = yield* HttpServerRequest.schemaSearchParams(_Publish)
    yield* ShopApp.publish(q.key, q.from, q.to)
    return yield* HttpServerResponse.json({ published: q.to - q.from + 1 })
  }))
)

/** The shop on `port` (default `HTTP_PORT`), its log in SQLite file `filename`; `gate`: whether `Hold*` answer. */
const layer = (options: { readonly filename: string; readonly gate: boolean; readonly port?: number }) =>
  Server.layer({ rpcs: ShopApp.ServerRpcs, routes: _routes, version: ShopApp.version, ...(options.port === undefined ? {} : { port: options.port }) }).pipe(
    Layer.provide(ShopApp.layer(options.gate)),
    Layer.provide(Realtime.layer),
    Layer.provide(Cluster.layerConfig({ storage: "memory" })),
    Layer.provide(Layer.orDie(SqliteClient.layer({ filename: options.filename })))
  )

export const ShopServer = { layer } as const
