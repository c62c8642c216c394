/**
 * `Server`'s WebSocket endpoint (WS-01/02): every public RPC group of the app merged into one RpcServer, one
 * socket per client (`GET /ws`; JSON text or `?format=msgpack` binary frames), behind the same auth middleware
 * as HTTP (the upgrade request's headers come before each message's own), the per-connection limits of
 * `SocketLimits` and a typed answer for every bad frame (`SocketProtocol`). Its own `RpcServer.Protocol` over
 * `ws`, taking the upgrades of its path before the platform's router sees them: the platform's upgrade buffers
 * a frame up to ws's 100 MiB default before a handler could refuse it, and has no ping; here ws refuses an
 * oversized frame from its header (1009), dead peers are found by ping, and a bad frame fails only its call.
 * Close codes: 1001 server shutting down, 1003 text on msgpack, 1007 invalid MessagePack, 1009 frame too large.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as Rpc from "@effect/rpc/Rpc"
import type * as RpcGroup from "@effect/rpc/RpcGroup"
import type * as RpcMessage from "@effect/rpc/RpcMessage"
import * as RpcServer from "@effect/rpc/RpcServer"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberSet from "effect/FiberSet"
import * as Mailbox from "effect/Mailbox"
import * as Match from "effect/Match"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Http from "node:http"
import { createRequire } from "node:module"
import type { Duplex } from "node:stream"
import { EdgeError } from "../contract/EdgeError.js"
import type { Limits } from "./Limits.js"
import { RequestContext } from "./RequestContext.js"
import { SocketLimits } from "./SocketLimits.js"
import { SocketProtocol } from "./SocketProtocol.js"

/** The part of a `ws` socket used here (`ws` ships no types; it is the one @effect/platform-node runs on). */
interface _Socket {
  readonly readyState: number
  on(event: "message", listener: (data: Buffer, binary: boolean) => void): void
  on(event: "close" | "pong", listener: () => void): void
  on(event: "error", listener: (cause: Error) => void): void
  send(data: string | Uint8Array, callback: (error?: Error) => void): void
  close(code: number, reason: string): void
  ping(): void
  terminate(): void
}

interface _Wss {
  handleUpgrade(request: Http.IncomingMessage, socket: Duplex, head: Buffer, done: (socket: _Socket) => void): void
  close(): void
}

const _ws = Effect.sync(() =>
  createRequire(import.meta.url)("ws") as { readonly WebSocketServer: new(options: { readonly noServer: true; readonly maxPayload: number }) => _Wss })

/** One client: what it asked for on connecting, its socket, encoder and limits, and whether it answered the last ping. */
interface _Connection extends SocketProtocol.Hello {
  readonly socket: _Socket
  readonly encode: (response: RpcMessage.FromServerEncoded) => string | Uint8Array | undefined
  readonly limits: SocketLimits
  alive: boolean
}

/** What the endpoint's connections share. */
interface _Context {
  readonly rpcs: ReadonlyMap<string, Rpc.AnyWithProps>
  readonly limits: Limits
  readonly options: WebSocket.Options
  readonly wss: _Wss
  readonly connections: Map<number, _Connection>
  readonly next: { value: number }
  readonly disconnects: Mailbox.Mailbox<number>
  readonly forward: (clientId: number, message: RpcMessage.FromClientEncoded) => Effect.Effect<void>
  readonly run: (effect: Effect.Effect<void>) => unknown
}

const _write = (connection: _Connection, response: RpcMessage.FromServerEncoded) =>
  Effect.suspend(() => {
    const data = connection.encode(response)
    return data === undefined || connection.socket.readyState !== 1
      ? Effect.void
      : Effect.async<void>((resume) => connection.socket.send(data, () => resume(Effect.void)))
  })

/** One request: refused typed (version, rate, validity, in-flight caps) or handed to the RpcServer. */
const _request = (context: _Context, id: number, connection: _Connection, request: SocketProtocol.Request) =>
  Effect.gen(function*() {
    const refuse = (error: EdgeError) => _write(connection, SocketProtocol.refusal(request.id, error))
    const limited = yield* connection.limits.spend
    if (Option.isSome(limited)) return yield* refuse(limited.value)
    if (connection.skew !== undefined) return yield* refuse(connection.skew)
    const invalid = SocketProtocol.check(context.rpcs, request)
    if (invalid !== undefined) return yield* refuse(new EdgeError.RequestInvalid({ message: invalid }))
    const admission = yield* connection.limits.admit(request.id)
    if (admission === "gone") return
    if (admission !== "run") return yield* refuse(admission)
    // Like RpcServer's own socket protocol: the upgrade request's headers first, the message's own win.
    yield* context.forward(id, { ...request, payload: request.payload, headers: [...connection.headers, ...request.headers] })
  })

/** One frame. Requests, pings and invalid frames take a token of the bucket; acks and interrupts (owed to calls) do not. */
const _frame = (context: _Context, id: number, connection: _Connection, data: Buffer, binary: boolean): Effect.Effect<void> =>
  Match.valueTags(SocketProtocol.read(connection.format, data, binary), {
    Request: ({ request }) => _request(context, id, connection, request),
    Control: ({ message }) => message._tag === "Ping" ? connection.limits.paced(context.forward(id, message)) : context.forward(id, message),
    Invalid: ({ id: requestId, reason }) =>
      connection.limits.paced(requestId === undefined
        ? Effect.logDebug(`WebSocket: dropped a frame without a request id: ${reason}`)
        : _write(connection, SocketProtocol.refusal(requestId, new EdgeError.RequestInvalid({ message: reason })))),
    Close: ({ code, reason }) =>
      Effect.zipRight(Effect.logDebug(`WebSocket: closing a connection (${code}): ${reason}`), Effect.sync(() => connection.socket.close(code, reason)))
  })

/** A socket accepted: its connection registered, its events turned into effects of the endpoint's fiber set. */
const _open = (context: _Context, socket: _Socket, hello: SocketProtocol.Hello) => {
  const id = context.next.value++
  const connection: _Connection = { ...hello, socket, encode: SocketProtocol.encoder(hello.format), limits: SocketLimits.make(context.limits), alive: true }
  context.connections.set(id, connection)
  socket.on("message", (data, binary) => context.run(RequestContext.provide(_frame(context, id, connection, data, binary))))
  socket.on("pong", () => (connection.alive = true))
  socket.on("error", (cause) => context.run(Effect.logDebug("WebSocket: connection error", cause)))
  // Its slots and permits first, then the RpcServer interrupts its calls.
  socket.on("close", () =>
    context.run(Effect.suspend(() => (context.connections.delete(id), Effect.zipRight(connection.limits.close, context.disconnects.offer(id))))))
}

/** What Node hands an `upgrade` listener. */
type _Take = (request: Http.IncomingMessage, socket: Duplex, head: Buffer) => void

/** Take an upgrade to the endpoint's path, or refuse it (400) when it asks for an unknown format. */
const _upgrade = (context: _Context): _Take => (request, socket, head) =>
  Either.match(SocketProtocol.hello(request, context.options), {
    onLeft: (reason) =>
      socket.on("error", () => undefined).end(`HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`),
    onRight: (hello) => context.wss.handleUpgrade(request, socket, head, (ws) => _open(context, ws, hello))
  })

/** A Node HTTP server whose upgrades to `path` are the endpoint's; every other event goes to the platform. */
class _Server extends Http.Server {
  constructor(private readonly _path: `/${string}`, private readonly _take: _Take, private readonly _closeAll: () => void) {
    super()
  }

  override emit(event: string | symbol, ...args: Array<unknown>): boolean {
    const [request, socket, head] = args
    const mine = event === "upgrade" && request instanceof Http.IncomingMessage && (request.url ?? "/").split("?")[0] === this._path
    return mine ? (this._take(request, socket as Duplex, head as Buffer), true) : super.emit(event as string, ...args)
  }

  /** Closing waits for every connection: sockets are closed first; streams that never end (SSE) are cut after 2 s. */
  override close(callback?: (error?: Error) => void): this {
    this._closeAll()
    const cut = setTimeout(() => this.closeAllConnections(), 2_000).unref()
    return super.close((error) => (clearTimeout(cut), callback?.(error)))
  }
}

/** The endpoint's RpcServer over its own protocol, in the caller's scope; `false` serves no WebSocket. */
const make = (groups: Readonly<Record<string, RpcGroup.Any>>, limits: Limits, options: false | WebSocket.Options = {}) =>
  options === false ? Effect.succeed<WebSocket.Endpoint>({ server: () => new _Server("/ ", () => undefined, () => undefined), router: HttpRouter.empty }) : Effect.gen(function*() {
    const { group, rpcs } = yield* SocketProtocol.merge(groups)
    const { WebSocketServer } = yield* _ws
    const wss = yield* Effect.acquireRelease(
      Effect.sync(() => new WebSocketServer({ noServer: true, maxPayload: limits.wsMaxFrameBytes })),
      (wss) => Effect.sync(() => wss.close())
    )
    const connections = new Map<number, _Connection>()
    const disconnects = yield* Mailbox.make<number>()
    const run = yield* FiberSet.makeRuntime<never>()
    const forward = { write: (_clientId: number, _message: RpcMessage.FromClientEncoded): Effect.Effect<void> => Effect.void }
    const protocol = yield* RpcServer.Protocol.make((write) =>
      Effect.sync(() => {
        forward.write = write
        return {
          disconnects,
          // The call's slot and permit are freed before its exit leaves, so the client's next call finds them.
          send: (clientId, response) => {
            const connection = connections.get(clientId)
            return connection === undefined
              ? Effect.void
              : Effect.zipRight(response._tag === "Exit" ? connection.limits.done(response.requestId) : Effect.void, _write(connection, response))
          },
          end: () => Effect.void,
          clientIds: Effect.sync(() => new Set(connections.keys())),
          initialMessage: Effect.succeedNone,
          supportsAck: true, supportsTransferables: false, supportsSpanPropagation: true
        }
      }))
    // A defect fails its own call only: RpcServer's default would fail every call of the connection.
    yield* RpcServer.make(group, { disableFatalDefects: true }).pipe(Effect.provideService(RpcServer.Protocol, protocol), Effect.interruptible, Effect.forkScoped)
    const context: _Context = {
      rpcs, limits, options, wss, connections, next: { value: 0 }, disconnects,
      forward: (clientId, message) => forward.write(clientId, message),
      run: (effect) => run(effect)
    }
    // A peer that answers no ping for 30 s is gone (a killed client sends no close): cut, which frees its calls.
    yield* Effect.sync(() => connections.forEach((c) => c.alive ? (c.alive = false, c.socket.ping()) : c.socket.terminate())).pipe(
      Effect.repeat(Schedule.spaced("30 seconds")),
      Effect.interruptible,
      Effect.forkScoped
    )
    const path = options.path ?? "/ws"
    return {
      server: () => new _Server(path, _upgrade(context), () => connections.forEach((c) => c.socket.close(1001, "the server is shutting down"))),
      router: HttpRouter.empty.pipe(HttpRouter.get(path, HttpServerResponse.text(`a WebSocket endpoint: connect with Upgrade: websocket`, { status: 426 })))
    }
  })

export const WebSocket = { make } as const

export declare namespace WebSocket {
  /** `Server.layer({ websocket })`: where and how the endpoint serves; `websocket: false` turns it off. */
  interface Options {
    /** The endpoint's path; default `/ws`. */
    readonly path?: `/${string}`
    /** Frames of a client that names no `?format=`: `json` (default, text frames) or `msgpack` (binary). */
    readonly serialization?: SocketProtocol.Format
    /** The contracts' version this server runs: a client connecting with another `?v=` gets `UpgradeRequired` (`Server.layer({ version })` sets it for HTTP too). */
    readonly version?: string
  }
  /** The Node server to listen with (it takes the endpoint's upgrades) and the route answering plain GETs. */
  interface Endpoint {
    readonly server: () => Http.Server
    readonly router: HttpRouter.HttpRouter
  }
}
