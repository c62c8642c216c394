/**
 * `Server` in one process on the memory cluster, over real HTTP: a public RPC group at /rpc/<name>, the probes,
 * the app's own routes, CORS for configured origins only, and a forwarded entity call that cannot answer in
 * time reaching the client as the typed edge error `Unavailable` (not a defect).
 */
import * as Entity from "@effect/cluster/Entity"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Rpc from "@effect/rpc/Rpc"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { EntityClient } from "../../../runtime/cluster/EntityClient.js"
import { EdgeError } from "../../../runtime/contract/EdgeError.js"
import { Server } from "../../../runtime/http/Server.js"
import { Pods } from "../cluster/Pods.js"

const _Counter = Entity.make("Counter", [Rpc.make("Read", { success: Schema.Number }), Rpc.make("Stall", { success: Schema.Number })])
const _CounterLive = _Counter.toLayer({ Read: () => Effect.succeed(7), Stall: () => Effect.never })

/** A public group as codegen emits one: each RPC's error schema includes the edge errors. */
const _Shop = RpcGroup.make(
  Rpc.make("Read", { success: Schema.Number, error: Schema.Union(Schema.Never, EdgeError.schema) }),
  Rpc.make("Stall", { success: Schema.Number, error: Schema.Union(Schema.Never, EdgeError.schema) })
)
const _ShopLive = _Shop.toLayer(Effect.gen(function*() {
  const counters = yield* EntityClient.make(_Counter, { timeout: "300 millis" })
  return _Shop.of({
    Read: () => EntityClient.forward(counters("c1").Read()),
    Stall: () => EntityClient.forward(counters("c1").Stall())
  })
}))


const _call = (port: number, tag: string, origin?: string) =>
  Effect.promise(() =>
    fetch(`http://127.0.0.1:${port}/rpc/shop`, {
      method: "POST",
      headers: { "content-type": "application/ndjson", ...(origin === undefined ? {} : { origin }) },
      body: `${JSON.stringify({ _tag: "Request", id: "1", tag, payload: {}, headers: [] })}\n`
    }).then(async (r) => ({ headers: r.headers, exit: JSON.parse((await r.text()).trim().split("\n")[0] ?? "null") as unknown }))
  )

describe("Server", () => {
  it.live("serves a group, the probes and the app's routes; a forwarded call that times out is the typed Unavailable", () =>
    Effect.gen(function*() {
      const port = yield* Pods.freePort
      const routes = HttpRouter.empty.pipe(HttpRouter.get("/version", HttpServerResponse.text("1.2.3")))
      yield* Layer.launch(Server.layer({ rpcs: { shop: _Shop }, routes, port, corsOrigins: ["https://shop.example"] }).pipe(
        Layer.provide(Layer.merge(_ShopLive, _CounterLive)),
        Layer.provide(Cluster.inMemory())
      )).pipe(Effect.forkScoped)
      const get = (path: string) => Effect.promise(() => fetch(`http://127.0.0.1:${port}${path}`).then(async (r) => ({ status: r.status, text: await r.text() })))
      yield* Effect.tryPromise(() => fetch(`http://127.0.0.1:${port}/livez`)).pipe(
        Effect.retry(Schedule.spaced("100 millis").pipe(Schedule.upTo("20 seconds")))
      )
      expect((yield* get("/readyz")).status).toBe(200)
      expect(yield* get("/version")).toStrictEqual({ status: 200, text: "1.2.3" })

      const read = yield* _call(port, "Read", "https://shop.example")
      expect(read.exit).toStrictEqual({ _tag: "Exit", requestId: "1", exit: { _tag: "Success", value: 7 } })
      expect(read.headers.get("access-control-allow-origin")).toBe("https://shop.example")
      const stranger = yield* _call(port, "Read", "https://evil.example")
      expect(stranger.headers.get("access-control-allow-origin"), "never *, never another origin").not.toMatch(/\*|evil/)

      const stalled = yield* _call(port, "Stall")
      expect(stalled.exit).toMatchObject({
        _tag: "Exit",
        exit: { _tag: "Failure", cause: { _tag: "Fail", error: { _tag: "Unavailable", outcome: "unknown" } } }
      })
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)
})
