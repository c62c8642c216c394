/**
 * The edge under hostile input, over real HTTP on one process: bodies over the limit are refused before they
 * are read, a request with too many RPCs or a pod over its in-flight budget gets typed answers (429 with
 * Retry-After), and malformed JSON, unknown RPCs and invalid payloads are typed `RequestInvalid` failures the
 * client decodes — never defects — while the other calls of the same request are served.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Rpc from "@effect/rpc/Rpc"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { request as httpRequest } from "node:http"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { EdgeError } from "../../../runtime/contract/EdgeError.js"
import { Server } from "../../../runtime/http/Server.js"
import { Pods } from "../cluster/Pods.js"

const _error = Schema.Union(Schema.Never, EdgeError.schema)
const _Echo = Rpc.make("Echo", { payload: { text: Schema.String.pipe(Schema.maxLength(10)) }, success: Schema.String, error: _error })
const _Slow = Rpc.make("Slow", { success: Schema.String, error: _error })
const _Hang = Rpc.make("Hang", { success: Schema.String, error: _error })
const _Shop = RpcGroup.make(_Echo, _Slow, _Hang)
const _ShopLive = _Shop.toLayer({
  Echo: ({ text }) => Effect.succeed(text),
  Slow: () => Effect.as(Effect.sleep("400 millis"), "done"),
  Hang: () => Effect.never
})


const _line = (id: string, tag: string, payload: unknown) => JSON.stringify({ _tag: "Request", id, tag, payload, headers: [] })

type _Reply = { readonly status: number; readonly retryAfter: string | null; readonly lines: ReadonlyArray<Readonly<Record<string, unknown>>> }

const _post = (port: number, body: string, chunked = false) =>
  Effect.async<_Reply>((resume) => {
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      path: "/rpc/shop",
      method: "POST",
      headers: { "content-type": "application/ndjson", ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": Buffer.byteLength(body) }) }
    }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () =>
        resume(Effect.succeed({
          status: res.statusCode ?? 0,
          retryAfter: res.headers["retry-after"] ?? null,
          lines: Buffer.concat(chunks).toString().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>)
        })))
    })
    req.on("error", (e) => resume(Effect.die(e)))
    req.end(body)
  })

const _serve = (limits: NonNullable<Parameters<typeof Server.layer>[0]["limits"]>) =>
  Effect.gen(function*() {
    const port = yield* Pods.freePort
    yield* Layer.launch(Server.layer({ rpcs: { shop: _Shop }, port, limits }).pipe(
      Layer.provide(_ShopLive),
      Layer.provide(Cluster.inMemory())
    )).pipe(Effect.forkScoped)
    yield* Effect.tryPromise(() => fetch(`http://127.0.0.1:${port}/livez`)).pipe(Effect.retry(Schedule.spaced("50 millis").pipe(Schedule.upTo("20 seconds"))))
    return port
  })

/** The decoded exit of request `id` in a reply: its failure's tag, or the success value. */
const _outcome = (reply: _Reply, id: string) => {
  const exit = Schema.decodeUnknownSync(Rpc.exitSchema(_Echo))((reply.lines.find((l) => l.requestId === id) as { readonly exit?: unknown } | undefined)?.exit)
  return exit._tag === "Success" ? { value: exit.value } : { failure: exit.cause._tag === "Fail" ? exit.cause.error._tag : exit.cause._tag }
}

describe("edge limits", () => {
  it.live("bodies over the limit are refused (declared or chunked); a request over the RPC cap is answered, typed, per id", () =>
    Effect.gen(function*() {
      const port = yield* _serve({ maxBodyBytes: 64 * 1024, maxRpcsPerRequest: 50 })
      const big = `${_line("1", "Echo", { text: "x".repeat(100 * 1024) })}\n`
      expect((yield* _post(port, big)).status, "declared too large: refused unread").toBe(413)
      expect((yield* _post(port, big, true)).status, "chunked: refused once past the limit").toBe(413)
      const many = Array.from({ length: 10_000 }, (_, i) => _line(String(i), "Echo", { text: "hi" })).join("\n").slice(0, 60 * 1024)
      const flood = yield* _post(port, many.slice(0, many.lastIndexOf("\n")))
      expect(flood.status).toBe(413)
      expect(flood.lines.length).toBeGreaterThan(50)
      expect(_outcome(flood, "0")).toStrictEqual({ failure: "RequestInvalid" })
      expect(_outcome(yield* _post(port, `${_line("9001", "Echo", { text: "still" })}\n`), "9001"), "the pod still serves").toStrictEqual({ value: "still" })
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 60_000)

  it.live("malformed JSON, an unknown RPC and an invalid payload are RequestInvalid; the good call beside them succeeds", () =>
    Effect.gen(function*() {
      const port = yield* _serve({})
      const body = [
        _line("1", "Echo", { text: "ok" }),
        `{"_tag":"Request","id":"2","tag":"Echo","payload":{"text":`,
        _line("3", "Nope", {}),
        _line("4", "Echo", { text: "far too long for the schema" }),
        _line("not-a-number", "Echo", { text: "ok" })
      ].join("\n")
      const reply = yield* _post(port, `${body}\n`)
      expect(reply.status).toBe(200)
      expect(_outcome(reply, "1")).toStrictEqual({ value: "ok" })
      expect(_outcome(reply, "2")).toStrictEqual({ failure: "RequestInvalid" })
      expect(_outcome(reply, "3")).toStrictEqual({ failure: "RequestInvalid" })
      expect(_outcome(reply, "4")).toStrictEqual({ failure: "RequestInvalid" })
      expect(_outcome(reply, "not-a-number"), "a malformed request id fails that call, not the others").toStrictEqual({ failure: "RequestInvalid" })
      expect(JSON.stringify(reply.lines)).not.toMatch(/"Die"|"Defect"/)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 60_000)

  it.live("unary calls unanswered at the request deadline are answered Unavailable; the calls that made it keep their answers", () =>
    Effect.gen(function*() {
      const port = yield* _serve({ requestTimeout: "700 millis" })
      const alone = yield* _post(port, `${_line("7", "Hang", {})}\n`)
      expect(_outcome(alone, "7")).toStrictEqual({ failure: "Unavailable" })
      const mixed = yield* _post(port, [_line("1", "Echo", { text: "quick" }), _line("2", "Hang", {})].join("\n") + "\n")
      expect(_outcome(mixed, "1")).toStrictEqual({ value: "quick" })
      expect(_outcome(mixed, "2")).toStrictEqual({ failure: "Unavailable" })
      expect((yield* _post(port, `${_line("3", "Echo", { text: "after" })}\n`)).status, "their budget was given back").toBe(200)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 60_000)

  it.live("over the pod's in-flight budget, a request waits, then gets Overloaded with 429 and Retry-After", () =>
    Effect.gen(function*() {
      const port = yield* _serve({ maxInFlight: 2, queueWait: "100 millis", retryAfterMs: 2000 })
      const replies = yield* Effect.all(Array.from({ length: 6 }, (_, i) => _post(port, `${_line(String(i), "Slow", {})}\n`)), { concurrency: "unbounded" })
      const refused = replies.filter((r) => r.status === 429)
      expect(replies.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2)
      expect(refused.length).toBeGreaterThan(0)
      expect(refused[0]?.retryAfter).toBe("2")
      expect(refused[0]?.lines[0]).toMatchObject({ exit: { cause: { error: { _tag: "Overloaded", retryAfterMs: 2000 } } } })
      expect((yield* _post(port, `${_line("x", "Slow", {})}\n`)).status, "room again once they finish").toBe(200)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 60_000)
})
