/**
 * The WebSocket endpoint of `Server` with typed clients, over a real socket on one process: @effect/rpc's
 * RpcClient over `/ws` (JSON and MessagePack) gets unary calls, streams and typed auth failures; the token
 * may come with each message or with the upgrade request; a client of other contracts (`?v=`) is answered
 * `UpgradeRequired` on every call; interrupting a call interrupts its handler; groups sharing a tag never start.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { EdgeError } from "../../../runtime/contract/EdgeError.js"
import { Sockets } from "./Sockets.js"

/** The typed error of a failed call (or what else its cause was). */
const _failure = <A, E>(exit: Exit.Exit<A, E>) =>
  Exit.match(exit, { onSuccess: () => "success", onFailure: (cause) => cause._tag === "Fail" ? cause.error : `not a Fail: ${cause._tag}` })

describe("the WebSocket endpoint", () => {
  it.live("serves unary calls, streams and auth to a typed RpcClient, in JSON and in MessagePack", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve()
      const token = yield* Ref.make<string | undefined>(undefined)
      const shop = yield* Sockets.client(server.url(), { token: Ref.get(token) })
      expect(yield* shop.Echo({ text: "hi" })).toBe("hi")
      expect((yield* Effect.tryPromise(() => fetch(`http://127.0.0.1:${server.port}/ws`))).status, "a GET without Upgrade").toBe(426)
      expect(_failure(yield* Effect.exit(shop.Whoami())), "no token: typed, not a defect").toBeInstanceOf(EdgeError.Unauthorized)
      yield* Ref.set(token, "token-forged")
      expect(_failure(yield* Effect.exit(shop.Whoami()))).toMatchObject({ _tag: "Unauthorized", message: "unknown token" })
      yield* Ref.set(token, "token-ann")
      expect(yield* shop.Whoami(), "the token of each message (Auth.client)").toBe("ann")
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(shop.Count({ to: 3 })))).toStrictEqual([1, 2, 3])
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.take(shop.Count({ to: 1_000_000 }), 2))), "a stream cut short").toStrictEqual([1, 2])

      const packed = yield* Sockets.client(server.url("?format=msgpack"), { msgpack: true, token: Ref.get(token) })
      expect(yield* packed.Echo({ text: "packed" })).toBe("packed")
      expect(yield* packed.Whoami()).toBe("ann")
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(packed.Count({ to: 3 })))).toStrictEqual([1, 2, 3])
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("the upgrade request's headers go with every call; a message's own header wins", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve()
      const signedIn = yield* Sockets.raw(server.url(), { authorization: "Bearer token-ann" })
      yield* signedIn.call("1", "Whoami", undefined)
      expect(yield* signedIn.answer("1")).toStrictEqual({ value: "ann" })
      yield* signedIn.call("2", "Whoami", undefined, [["authorization", "Bearer token-forged"]])
      expect(yield* signedIn.answer("2")).toMatchObject({ failure: "Unauthorized", error: { message: "unknown token" } })
      const anonymous = yield* Sockets.raw(server.url())
      yield* anonymous.call("1", "Whoami", undefined)
      expect(yield* anonymous.answer("1")).toMatchObject({ failure: "Unauthorized" })
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("a client of other contracts (?v=) gets UpgradeRequired on every call and no handler runs; the same or no version is served", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve({ websocket: { version: "v2" } })
      const stale = yield* Sockets.client(server.url("?v=v1"))
      const refused = _failure(yield* Effect.exit(stale.Echo({ text: "hi" })))
      expect(refused).toBeInstanceOf(EdgeError.UpgradeRequired)
      expect(refused).toMatchObject({ server: "v2", client: "v1" })
      expect(_failure(yield* Effect.exit(Stream.runCollect(stale.Count({ to: 3 })))), "streams too").toBeInstanceOf(EdgeError.UpgradeRequired)
      expect(yield* Ref.get(server.probe.ran), "no handler ran").toBe(0)
      expect(yield* (yield* Sockets.client(server.url("?v=v2"))).Echo({ text: "same" })).toBe("same")
      expect(yield* (yield* Sockets.client(server.url())).Echo({ text: "none" })).toBe("none")
      expect(yield* Ref.get(server.probe.ran)).toBe(2)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("interrupting a call or a stream interrupts its handler; closing the socket interrupts every call of that client", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve()
      const shop = yield* Sockets.client(server.url())
      const call = yield* Effect.fork(shop.Hang())
      yield* Sockets.until(Ref.get(server.probe.running), 1)
      yield* Fiber.interrupt(call)
      yield* Sockets.until(Ref.get(server.probe.running), 0)
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.take(shop.Watch(), 1))), "a stream the client stops reading").toStrictEqual([1])
      yield* Sockets.until(Ref.get(server.probe.running), 0)

      const closing = yield* Sockets.raw(server.url())
      yield* Effect.forEach(["1", "2", "3"], (id) => closing.call(id, "Hang"))
      yield* Sockets.until(Ref.get(server.probe.running), 3)
      yield* closing.kill
      yield* Sockets.until(Ref.get(server.probe.running), 0)
      expect(yield* shop.Echo({ text: "still" }), "the other client is served on").toBe("still")
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("stopping the server closes its sockets with 1001 and interrupts their calls", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve()
      const ws = yield* Sockets.raw(server.url())
      yield* ws.call("1", "Hang")
      yield* Sockets.until(Ref.get(server.probe.running), 1)
      yield* server.stop
      expect(yield* ws.closed).toBe(1001)
      expect(yield* Ref.get(server.probe.running)).toBe(0)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("two groups sharing an RPC tag: the server does not start, and says which tag and groups", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Sockets.serve({}, { legacy: RpcGroup.make(...Sockets.Shop.requests.values()) }))
      expect(String(error)).toMatch(/RPC tag "Echo" is in both group "shop" and group "legacy"/)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)
})
