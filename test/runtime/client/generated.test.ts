/**
 * The client codegen writes (golden scenario `channels`): `ClientRpcs` has `AppRpcs`' groups with the same
 * tags, middleware and wire, `ClientVersion` is `AppVersion`, and `makeClient` talks to a server of the
 * generated `AppLayer`: typed refusals from the contract's auth, a channel's messages as they are published.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import type * as Rpc from "@effect/rpc/Rpc"
import * as SqlClient from "@effect/sql/SqlClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { Cluster } from "effect-contracts/Cluster"
import { EdgeError } from "effect-contracts/EdgeError"
import { Server } from "effect-contracts/Server"
import { ClientCalls } from "../../../runtime/client/Calls.js"
import { ClientRpcs, ClientVersion, makeClient } from "../../golden/channels/generated/Client.js"
import { DeskChannels } from "../../golden/channels/generated/desk/Channels.js"
import { AppLayer, AppRpcs, AppVersion } from "../../golden/channels/generated/Layer.js"
import { Pipeline } from "../../../generator/Pipeline.js"
import { Scratch } from "../../support/Scratch.js"
import { Pods } from "../cluster/Pods.js"

const _rpcs = (group: Parameters<typeof ClientCalls.requests>[0]) => [...ClientCalls.requests(group).values()]

const _wire = (rpc: Rpc.AnyWithProps) => ({
  tag: rpc._tag,
  middlewares: [...rpc.middlewares].map((m) => m.key),
  payload: String(Schema.encodedSchema(rpc.payloadSchema as Schema.Schema<unknown, unknown>).ast),
  success: String(Schema.encodedSchema(rpc.successSchema as Schema.Schema<unknown, unknown>).ast),
  error: String(Schema.encodedSchema(rpc.errorSchema as Schema.Schema<unknown, unknown>).ast)
})

describe("the generated client", () => {
  it.scoped("lists the RPCs a reconnect may replay: declared idempotent or keyed, never streams", () =>
    Effect.gen(function*() {
      const { paths } = yield* Scratch.make("client-", {
        "contracts/tickets.contract.ts": Scratch.contract("tickets", [
          "  rpcs: {",
          "    Assign: Contract.rpc({ payload: { id: Schema.String }, idempotent: true }),",
          "    Open: Contract.rpc({ payload: { id: Schema.String }, primaryKey: (p) => p.id }),",
          "    Close: Contract.rpc({ payload: { id: Schema.String } }),",
          "    Watch: Contract.rpc({ payload: { id: Schema.String }, success: Schema.String, stream: true, idempotent: true })",
          "  }"
        ])
      })
      const { files } = yield* Pipeline.emit(paths)
      const client = files.find((f) => f.path === `${paths.generated}/Client.ts`)
      expect(client?.content).toContain(`const _idempotent = ["Assign", "Open"] as const`)
    }).pipe(Effect.provide(NodeContext.layer)))

  it("has AppRpcs' groups, tags, middleware and wire schemas, and AppVersion", () => {
    expect(ClientVersion).toBe(AppVersion)
    expect(Object.keys(ClientRpcs)).toEqual(Object.keys(AppRpcs))
    Object.entries(AppRpcs).forEach(([name, group]) =>
      expect(_rpcs(ClientRpcs[name as keyof typeof ClientRpcs]).map(_wire), name).toEqual(_rpcs(group).map(_wire)))
  })

  it.live("makeClient talks to a server of the generated AppLayer: typed auth refusals, a channel's messages", () =>
    Effect.gen(function*() {
      const port = yield* Pods.freePort
      const server = Server.layer({ rpcs: AppRpcs, port, websocket: { version: AppVersion } }).pipe(
        Layer.provide(AppLayer),
        Layer.provideMerge(Cluster.inMemory())
      )
      const context = yield* Layer.build(server)
      const publish = (text: string) =>
        Effect.flatMap(SqlClient.SqlClient, (sql) => sql.withTransaction(DeskChannels.Notices.publish("all", { text }))).pipe(
          Effect.provide(context),
          Effect.orDie
        )
      const client = yield* makeClient({ url: `http://127.0.0.1:${port}`, token: Effect.succeed("any") })
      const refused = yield* Effect.flip(client.desk.CloseTicket({ tenantId: "t_acme" as never, ticketId: "T1" as never }))
      expect(refused, "the stub verifier refuses every token").toBeInstanceOf(EdgeError.Unauthorized)
      const items = yield* Queue.unbounded<{ readonly _tag: string; readonly payload?: { readonly text: string } }>()
      const fiber = yield* client.subscribe("desk.Notices", "all").pipe(Stream.runForEach((i) => Queue.offer(items, i)), Effect.fork)
      yield* publish("warm-up").pipe(
        Effect.zipRight(Queue.size(items)),
        Effect.filterOrFail((n) => n > 0),
        Effect.retry(Schedule.spaced("50 millis").pipe(Schedule.upTo("20 seconds"))),
        Effect.orDie
      )
      yield* publish("hello")
      const hello = yield* Queue.take(items).pipe(Effect.repeat({ until: (i) => i.payload?.text === "hello" }))
      expect(hello).toMatchObject({ _tag: "Message", payload: { text: "hello" } })
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.scoped, Effect.provide(Layer.mergeAll(NodeContext.layer, NodeSocket.layerWebSocketConstructor))), 60_000)
})
