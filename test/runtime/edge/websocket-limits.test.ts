/**
 * The WebSocket endpoint under hostile input, over a real socket with a raw `ws` client: a bad frame fails
 * only its own call (typed `RequestInvalid`) while the connection serves on, broken MessagePack and oversized
 * frames close the connection with 1007 / 1009, calls over a connection's caps or the pod's budget are typed
 * `Overloaded`, and a killed client gives back every call and permit it held.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Ref from "effect/Ref"
import { Sockets } from "./Sockets.js"

const _ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))

describe("the WebSocket endpoint's limits", () => {
  it.live("malformed JSON, a bad id, an unknown RPC and an invalid payload are RequestInvalid for their call only; a call in flight goes on", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve()
      const ws = yield* Sockets.raw(server.url())
      yield* ws.call("1", "Gate")
      yield* ws.send(`{"_tag":"Request","id":"2","tag":"Echo","payload":{`)
      yield* ws.call("3", "Nope")
      yield* ws.call("4", "Echo", { text: "far too long for the schema" })
      yield* ws.call("x5", "Echo", { text: "ok" })
      yield* ws.send("not json, no id: dropped")
      yield* ws.send(`{"_tag":"Request","tag":"Echo"}`)
      yield* ws.call("6", "Echo", { text: "ok" })
      expect(yield* ws.answer("2")).toMatchObject({ failure: "RequestInvalid", error: { message: "malformed JSON" } })
      expect(yield* ws.answer("3")).toMatchObject({ failure: "RequestInvalid", error: { message: expect.stringContaining("unknown RPC \"Nope\"") } })
      expect(yield* ws.answer("4")).toMatchObject({ failure: "RequestInvalid", error: { message: expect.stringContaining("invalid payload for Echo") } })
      expect(yield* ws.answer("x5")).toMatchObject({ failure: "RequestInvalid" })
      expect(yield* ws.answer("6"), "the connection serves on").toStrictEqual({ value: "ok" })
      expect(yield* ws.answers, "the call in flight is not failed with them").toBe(5)
      yield* server.probe.gate.open
      expect(yield* ws.answer("1")).toStrictEqual({ value: "opened" })
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("MessagePack: calls are served and typed; binary garbage closes with 1007, a text frame with 1003; an unknown format is refused", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve()
      const pack = RpcSerialization.msgPack.unsafeMake()
      const request = (id: string, tag: string, payload: unknown) => pack.encode({ _tag: "Request", id, tag, payload, headers: [] }) as Uint8Array
      const ws = yield* Sockets.raw(server.url("?format=msgpack"))
      yield* ws.send(request("1", "Echo", { text: "packed" }))
      yield* ws.send(request("2", "Nope", {}))
      expect(yield* ws.answer("1")).toStrictEqual({ value: "packed" })
      expect(yield* ws.answer("2")).toMatchObject({ failure: "RequestInvalid" })
      yield* ws.send(new Uint8Array([0xc1, 0xff, 0x00, 0x13]))
      expect(yield* ws.closed).toBe(1007)
      const text = yield* Sockets.raw(server.url("?format=msgpack"))
      yield* text.send(JSON.stringify({ _tag: "Request", id: "1", tag: "Echo", payload: { text: "json" }, headers: [] }))
      expect(yield* text.closed).toBe(1003)
      expect(Exit.isFailure(yield* Effect.exit(Sockets.raw(server.url("?format=xml")))), "400 on the upgrade").toBe(true)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("a frame over WS_MAX_FRAME_BYTES closes the connection with 1009", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve({ limits: { wsMaxFrameBytes: 1024 } })
      const ws = yield* Sockets.raw(server.url())
      yield* ws.call("1", "Echo", { text: "small" })
      expect(yield* ws.answer("1")).toStrictEqual({ value: "small" })
      yield* ws.call("2", "Echo", { text: "x".repeat(2048) })
      expect(yield* ws.closed).toBe(1009)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("calls over the connection's in-flight cap are Overloaded; the others are served and the connection serves on", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve({ limits: { wsMaxInFlight: 3 } })
      const ws = yield* Sockets.raw(server.url())
      yield* Effect.forEach(_ids(1, 5), (id) => ws.call(id, "Gate"))
      yield* Sockets.until(ws.answers, 2)
      yield* server.probe.gate.open
      const answers = yield* Effect.forEach(_ids(1, 5), ws.answer)
      expect(answers.filter((a) => "value" in a && a.value === "opened").length).toBe(3)
      expect(answers.filter((a) => "failure" in a && a.failure === "Overloaded").length).toBe(2)
      yield* ws.call("6", "Echo", { text: "after" })
      expect(yield* ws.answer("6")).toStrictEqual({ value: "after" })
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("requests past the connection's burst are Overloaded with a Retry-After", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve({ limits: { wsMessageBurst: 4, wsMessagesPerSecond: 0.001 } })
      const ws = yield* Sockets.raw(server.url())
      yield* Effect.forEach(_ids(1, 6), (id) => ws.call(id, "Echo", { text: id }))
      const answers = yield* Effect.forEach(_ids(1, 6), ws.answer)
      expect(answers.filter((a) => "value" in a).length).toBe(4)
      expect(answers.filter((a) => "failure" in a)).toMatchObject([
        { failure: "Overloaded", error: { retryAfterMs: expect.any(Number) } },
        { failure: "Overloaded" }
      ])
      const fresh = yield* Sockets.raw(server.url())
      yield* fresh.call("1", "Echo", { text: "mine" })
      expect(yield* fresh.answer("1"), "the bucket is per connection").toStrictEqual({ value: "mine" })
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)

  it.live("WebSocket calls count in the pod's in-flight budget; a killed client gives back its calls and permits", () =>
    Effect.gen(function*() {
      const server = yield* Sockets.serve({ limits: { maxInFlight: 2, queueWait: "10 millis" } })
      const killed = yield* Sockets.raw(server.url())
      yield* Effect.forEach(["1", "2"], (id) => killed.call(id, "Hang"))
      yield* Sockets.until(Ref.get(server.probe.running), 2)
      const other = yield* Sockets.raw(server.url())
      yield* other.call("1", "Echo", { text: "busy?" })
      expect(yield* other.answer("1")).toMatchObject({ failure: "Overloaded", error: { message: "the server is busy: try again later" } })
      const http = yield* Effect.tryPromise(() =>
        fetch(`http://127.0.0.1:${server.port}/rpc/shop`, { method: "POST", body: `${JSON.stringify({ _tag: "Request", id: "1", tag: "Echo", payload: { text: "http" }, headers: [] })}\n` }))
      expect(http.status, "HTTP shares the budget").toBe(429)
      yield* killed.kill
      yield* Sockets.until(Ref.get(server.probe.running), 0)
      yield* other.call("2", "Echo", { text: "free" })
      expect(yield* other.answer("2")).toStrictEqual({ value: "free" })
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 30_000)
})
