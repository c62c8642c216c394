/**
 * CLUS-04 in one process: entity handlers and HTTP handlers read `cluster: Option<ClusterState>` from the
 * request context — shard and runner in entity handlers, live ownership answers everywhere.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Entity from "@effect/cluster/Entity"
import * as EntityId from "@effect/cluster/EntityId"
import * as Sharding from "@effect/cluster/Sharding"
import * as TestRunner from "@effect/cluster/TestRunner"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Rpc from "@effect/rpc/Rpc"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { ClusterState } from "../../../runtime/cluster/ClusterState.js"
import { RequestContext } from "../../../runtime/http/RequestContext.js"
import { RequestContextMiddleware } from "../../../runtime/http/RequestContextMiddleware.js"

const _View = Schema.Struct({
  runner: Schema.String,
  entity: Schema.NullOr(Schema.Struct({ type: Schema.String, id: Schema.String })),
  shardId: Schema.NullOr(Schema.String),
  shards: Schema.Number,
  local: Schema.Boolean,
  leader: Schema.Boolean
})

/** What a handler sees: the JSON view of its `ClusterState`, and two ownership questions. */
const _view = Effect.map(RequestContext.current, (context) =>
  Option.getOrNull(Option.map(context.cluster, (c) => ({
    ...ClusterState.toJSON(c),
    local: c.isLocal(Where, "order-7"),
    leader: c.isLeader("ctx.Leader")
  }))))

const Where = Entity.make("Where", [Rpc.make("Where", { success: Schema.NullOr(_View) })])
const WhereLive = Where.toLayer(Effect.succeed(Where.of({ Where: () => _view })))

class Api extends HttpApi.make("app").add(
  HttpApiGroup.make("ctx")
    .add(HttpApiEndpoint.get("context", "/context").addSuccess(Schema.NullOr(_View)))
    .middleware(RequestContextMiddleware)
) {}

const _ApiLive = HttpApiBuilder.group(Api, "ctx", (handlers) =>
  handlers.handle("context", () =>
    Effect.map(RequestContext, (context) =>
      Option.getOrNull(Option.map(context.cluster, (c) => ({
        ...ClusterState.toJSON(c),
        local: c.isLocal(Where, "order-7"),
        leader: c.isLeader("ctx.Leader")
      }))))))

const _cluster = WhereLive.pipe(Layer.provideMerge(TestRunner.layer))

/** GET `path` once the single test runner holds its shards (it acquires them in the background). */
const _get = (path: string) =>
  ClusterState.isLocal(Where, "order-7").pipe(
    Effect.repeat({ until: (local) => local, schedule: Schedule.spaced("20 millis") }),
    Effect.andThen(HttpClient.get(path)),
    Effect.flatMap((r) => r.json),
    Effect.scoped,
    Effect.orDie
  )

describe("RequestContext", () => {
  it.live("an entity handler sees its entity, its shard and its runner", () =>
    Effect.gen(function*() {
      const sharding = yield* Sharding.Sharding
      const view = yield* (yield* Where.client)("order-7").Where()
      assert.deepStrictEqual(view?.entity, { type: "Where", id: "order-7" })
      assert.strictEqual(view?.shardId, sharding.getShardId(EntityId.make("order-7"), "default").toString())
      assert.strictEqual(view?.runner, "localhost:34431")
      assert.strictEqual(view?.shards, 300)
      assert.isTrue(view?.local)
      assert.isTrue(view?.leader)
    }).pipe(Effect.provide(_cluster)))

  it.live("an HttpApi handler reads it from RequestContextMiddleware: runner and ownership, no entity", () =>
    Effect.gen(function*() {
      const view = Schema.decodeUnknownSync(_View)(yield* _get("/context"))
      assert.strictEqual(view.entity, null)
      assert.strictEqual(view.shardId, null)
      assert.isTrue(view.local)
      assert.isTrue(view.leader)
    }).pipe(Effect.provide(
      HttpApiBuilder.serve().pipe(
        Layer.provide(HttpApiBuilder.api(Api).pipe(Layer.provide(_ApiLive), Layer.provide(RequestContextMiddleware.layer))),
        Layer.provideMerge(NodeHttpServer.layerTest),
        Layer.provideMerge(_cluster)
      )
    )))

  it.live("RequestContext.provide serves plain HttpRouter apps the same context", () =>
    Effect.gen(function*() {
      const view = Schema.decodeUnknownSync(_View)(yield* _get("/context"))
      assert.deepStrictEqual([view.entity, view.local, view.leader], [null, true, true])
    }).pipe(Effect.provide(
      HttpServer.serve(RequestContext.provide(
        HttpRouter.empty.pipe(HttpRouter.get("/context", Effect.flatMap(_view, (v) => HttpServerResponse.json(v))))
      )).pipe(Layer.provideMerge(NodeHttpServer.layerTest), Layer.provideMerge(_cluster))
    )))

  it.live("without a cluster the context says None", () =>
    Effect.gen(function*() {
      const context = yield* RequestContext.current
      assert.isTrue(Option.isNone(context.cluster))
    }))
})
