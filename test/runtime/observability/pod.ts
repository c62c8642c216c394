/**
 * One pod of the observability tests, as a real OS process: `ObsApp` served by `Server` on the PostgreSQL
 * cluster, exactly as an app's main does it — no tracing or metrics code of its own (`OTEL_*` from the
 * environment reach it through the cluster layer) — plus `GET /local/:id`: is that order's shop here.
 */
import * as EntityId from "@effect/cluster/EntityId"
import * as Sharding from "@effect/cluster/Sharding"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Cluster } from "effect-contracts/Cluster"
import { Postgres } from "effect-contracts/Postgres"
import { Server } from "effect-contracts/Server"
import { ObsApp } from "./ObsApp.js"

const _routes = HttpRouter.empty.pipe(
  HttpRouter.get("/local/:id", Effect.gen(function*() {
    const id = EntityId.make((yield* HttpRouter.params)["id"] ?? "")
    const sharding = yield* Sharding.Sharding
    return yield* HttpServerResponse.json({ local: sharding.hasShardId(sharding.getShardId(id, ObsApp.Shop.getShardGroup(id))) })
  }))
)

const _main = Server.layer({ rpcs: { obs: ObsApp.Rpcs }, routes: _routes }).pipe(
  Layer.provide(ObsApp.layer),
  Layer.provide(Cluster.layerConfig()),
  Layer.provide(Postgres.layer)
)

NodeRuntime.runMain(Layer.launch(_main))
