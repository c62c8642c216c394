/**
 * What the WebSocket edge tests share: a small RPC group with auth (`Echo`, `Whoami` behind a bearer token,
 * `Count` streaming, `Gate` waiting for the test, `Hang` and the stream `Watch` never ending, counted while they run), `Server` on
 * a free port over the memory cluster, a typed RpcClient over a WebSocket, and a raw `ws` client that sends
 * frames as given and sees each call's exit and the close code.
 */
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as Rpc from "@effect/rpc/Rpc"
import * as RpcClient from "@effect/rpc/RpcClient"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import * as RpcMiddleware from "@effect/rpc/RpcMiddleware"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { createRequire } from "node:module"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { EdgeError } from "../../../runtime/contract/EdgeError.js"
import { Auth } from "../../../runtime/http/Auth.js"
import { Server } from "../../../runtime/http/Server.js"
import { Pods } from "../cluster/Pods.js"

class _Principal extends Context.Tag("test/Principal")<_Principal, { readonly user: string }>() {}

class _Auth extends RpcMiddleware.Tag<_Auth>()("test/Auth", { provides: _Principal, failure: EdgeError.Unauthorized, requiredForClient: true }) {}

const _error = Schema.Union(Schema.Never, EdgeError.schema)

/** The test group: a payload with a schema, auth, a stream, a call the test releases, one that never ends. */
const Shop = RpcGroup.make(
  Rpc.make("Echo", { payload: { text: Schema.String.pipe(Schema.maxLength(10)) }, success: Schema.String, error: _error }),
  Rpc.make("Whoami", { success: Schema.String, error: _error }).middleware(_Auth),
  Rpc.make("Count", { payload: { to: Schema.Number }, success: Schema.Number, error: _error, stream: true }),
  Rpc.make("Gate", { success: Schema.String, error: _error }),
  Rpc.make("Hang", { success: Schema.String, error: _error }),
  Rpc.make("Watch", { success: Schema.Number, error: _error, stream: true })
)

/** What the handlers let a test see and steer: the gate `Gate` waits on, `Hang`s running, handler runs. */
interface Probe {
  readonly gate: Effect.Latch
  readonly running: Ref.Ref<number>
  readonly ran: Ref.Ref<number>
}

const _live = (probe: Probe) =>
  Layer.merge(
    Shop.toLayer({
      Echo: ({ text }) => Effect.as(Ref.update(probe.ran, (n) => n + 1), text),
      Whoami: () => Effect.map(_Principal, (p) => p.user),
      Count: ({ to }) => Stream.range(1, to),
      Gate: () => Effect.as(probe.gate.await, "opened"),
      Hang: () => Effect.acquireUseRelease(Ref.update(probe.running, (n) => n + 1), () => Effect.never, () => Ref.update(probe.running, (n) => n - 1)),
      Watch: () =>
        Stream.acquireRelease(Ref.update(probe.running, (n) => n + 1), () => Ref.update(probe.running, (n) => n - 1)).pipe(
          Stream.flatMap(() => Stream.concat(Stream.make(1), Stream.never))
        )
    }),
    Auth.layer(_Auth, Effect.succeed(Auth.verifier(_Auth, (token) =>
      token === "token-ann" ? Effect.succeed({ user: "ann" }) : Effect.fail(new EdgeError.Unauthorized({ message: "unknown token" })))))
  )

/** `Server` serving `{ shop: Shop }` (plus `extra` groups) with these options, on a free port, until the scope closes. */
const serve = (options: Pick<Parameters<typeof Server.layer>[0], "limits" | "websocket"> = {}, extra: Readonly<Record<string, typeof Shop>> = {}) =>
  Effect.gen(function*() {
    const port = yield* Pods.freePort
    const probe: Probe = { gate: yield* Effect.makeLatch(false), running: yield* Ref.make(0), ran: yield* Ref.make(0) }
    const launched = yield* Layer.launch(Server.layer({ ...options, rpcs: { shop: Shop, ...extra }, port }).pipe(
      Layer.provide(_live(probe)),
      Layer.provide(Cluster.inMemory())
    )).pipe(Effect.forkScoped)
    // Listening, or the reason the server never started.
    yield* Effect.raceFirst(
      Fiber.join(launched),
      Effect.tryPromise(() => fetch(`http://127.0.0.1:${port}/livez`)).pipe(Effect.retry(Schedule.spaced("50 millis").pipe(Schedule.upTo("20 seconds"))))
    )
    return { port, probe, url: (query = "") => `ws://127.0.0.1:${port}/ws${query}`, stop: Fiber.interrupt(launched) }
  })

/** A typed client of `Shop` over a WebSocket to `url`; `token` is read per call (`Auth.client`). */
const client = (url: string, options: { readonly msgpack?: boolean; readonly token?: Effect.Effect<string | undefined> } = {}) =>
  Layer.build(Layer.mergeAll(
    RpcClient.layerProtocolSocket().pipe(
      Layer.provide(NodeSocket.layerWebSocket(url)),
      Layer.provide(options.msgpack === true ? RpcSerialization.layerMsgPack : RpcSerialization.layerJson)
    ),
    Auth.client(_Auth, options.token ?? Effect.succeed(undefined))
  )).pipe(Effect.flatMap((context) => Effect.provide(RpcClient.make(Shop), context)))

/** The part of a `ws` client used here (`ws` ships no types). */
interface _Ws {
  on(event: "open", listener: () => void): void
  on(event: "error", listener: (cause: Error) => void): void
  on(event: "message", listener: (data: Buffer, binary: boolean) => void): void
  on(event: "close", listener: (code: number, reason: Buffer) => void): void
  send(data: string | Uint8Array, callback: () => void): void
  terminate(): void
}

const _Ws = createRequire(import.meta.url)("ws") as new(url: string, options: { readonly headers: Readonly<Record<string, string>> }) => _Ws

/** A call's exit as a test reads it: the success value, or the failure's tag (`Die`, `Interrupt` for causes without an error). */
type Outcome = { readonly value: unknown } | { readonly failure: string; readonly error?: unknown }

const _outcome = (exit: { readonly _tag?: string; readonly value?: unknown; readonly cause?: { readonly _tag?: string; readonly error?: { readonly _tag?: string } } }): Outcome =>
  exit._tag === "Success" ? { value: exit.value } : { failure: exit.cause?.error?._tag ?? exit.cause?._tag ?? "?", error: exit.cause?.error }

/** A raw `ws` client of `url`: frames sent as given, each call's exit by request id, the close code. */
const raw = (url: string, headers: Readonly<Record<string, string>> = {}) =>
  Effect.gen(function*() {
    const exits = new Map<string, Deferred.Deferred<Outcome>>()
    const exit = (id: string) => exits.get(id) ?? exits.set(id, Deferred.unsafeMake<Outcome>(FiberId.none)).get(id)!
    const closed = yield* Deferred.make<number>()
    const answered = { value: 0 }
    const parser = RpcSerialization.msgPack.unsafeMake()
    const ws = yield* Effect.acquireRelease(
      Effect.async<_Ws>((resume) => {
        const ws = new _Ws(url, { headers })
        ws.on("open", () => resume(Effect.succeed(ws)))
        ws.on("error", (cause) => resume(Effect.die(cause)))
      }),
      (ws) => Effect.sync(() => ws.terminate())
    )
    ws.on("message", (data, binary) => {
      const messages = (binary ? parser.decode(data) : [JSON.parse(data.toString())]) as ReadonlyArray<{ readonly _tag: string; readonly requestId?: string; readonly exit?: Parameters<typeof _outcome>[0] }>
      messages.forEach((m) =>
        m._tag === "Exit" && m.requestId !== undefined ? (answered.value++, Deferred.unsafeDone(exit(m.requestId), Effect.succeed(_outcome(m.exit ?? {})))) : undefined)
    })
    ws.on("close", (code) => Deferred.unsafeDone(closed, Effect.succeed(code)))
    const send = (frame: string | Uint8Array) => Effect.async<void>((resume) => ws.send(frame, () => resume(Effect.void)))
    return {
      send,
      /** Send a request envelope as JSON. */
      call: (id: string, tag: string, payload: unknown = {}, headers: ReadonlyArray<readonly [string, string]> = []) =>
        send(JSON.stringify({ _tag: "Request", id, tag, payload, headers })),
      /** The exit of call `id`, once it arrives. */
      answer: (id: string) => Deferred.await(exit(id)),
      /** How many calls have been answered so far. */
      answers: Effect.sync(() => answered.value),
      /** The close code the server sent. */
      closed: Deferred.await(closed),
      /** Cut the connection without a close frame, as a killed process would. */
      kill: Effect.sync(() => ws.terminate())
    }
  })

/** Wait until `read` gives `n` (a condition, never a fixed delay). */
const until = (read: Effect.Effect<number>, n: number) =>
  read.pipe(Effect.filterOrFail((v) => v === n), Effect.retry(Schedule.spaced("10 millis").pipe(Schedule.upTo("10 seconds"))), Effect.orDie)

export const Sockets = { Shop, serve, client, raw, until } as const
