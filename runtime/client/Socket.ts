/**
 * The WebSocket transport: an `RpcClient.Protocol` over one browser `WebSocket` (the global one, or the
 * `Socket.WebSocketConstructor` in context: `NodeSocket.layerWebSocketConstructor` in Node) that reconnects by
 * itself with `ClientSettings.reconnect`, pings the server every `heartbeat`, and publishes its state. A
 * request waits for an open connection before it is written (a call made while reconnecting waits, up to its
 * timeout); when a connection is lost, `ClientPending` says which written calls are replayed and which fail
 * with `Unavailable { outcome: "unknown" }`. JSON text frames, one RPC message each, as the server's `/ws`
 * speaks them: no MessagePack code is bundled. Browser-safe: no Node built-ins.
 */
import * as Socket from "@effect/platform/Socket"
import * as RpcClient from "@effect/rpc/RpcClient"
import type * as RpcMessage from "@effect/rpc/RpcMessage"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import type { ClientPending } from "./Pending.js"
import { ClientSettings } from "./Settings.js"
import { ClientState } from "./State.js"

/** The open connection, if any, and its generation (each open connection has a new one). */
interface _Link {
  ws: globalThis.WebSocket | undefined
  generation: number
  pong: boolean
  opened: boolean
}

/** What the inbox carries: a frame's text (`undefined`: not text), or the loss of connection `lost`. */
type _Event = string | undefined | { readonly lost: number }

const _text = (data: unknown): string | undefined =>
  typeof data === "string" ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : undefined

const _parse = (text: string | undefined) =>
  Either.try(() => JSON.parse(text ?? "") as RpcMessage.FromServerEncoded | { readonly _tag: "Pong" })

/** Resolves when `ws` opens; fails when it closes or errs first. */
const _opened = (ws: globalThis.WebSocket) =>
  Effect.async<void, string>((resume) => {
    ws.readyState === 1 ? resume(Effect.void) : ws.addEventListener("open", () => resume(Effect.void), { once: true })
    ws.addEventListener("close", (e) => resume(Effect.fail(`closed before opening (${e.code})`)), { once: true })
    ws.addEventListener("error", () => resume(Effect.fail("could not connect")), { once: true })
  })

const make = (settings: ClientSettings.Settings, pending: ClientPending.Pending) =>
  Effect.gen(function*() {
    const construct = Option.getOrElse(
      yield* Effect.serviceOption(Socket.WebSocketConstructor),
      () => (url: string) => new globalThis.WebSocket(url)
    )
    const state = ClientState.make("connecting")
    yield* Effect.addFinalizer(() => state.set("closed"))
    const ready = yield* Effect.makeLatch(false)
    const link: _Link = { ws: undefined, generation: 0, pong: true, opened: false }
    // Frames, and the loss of a connection, in the order they happened: an answer that arrived before the socket
    // closed is handled before the calls the socket carried are replayed or failed.
    const inbox = yield* Queue.unbounded<_Event>()
    const run = yield* FiberSet.makeRuntime<never>()

    const protocol = yield* RpcClient.Protocol.make((respond) =>
      Effect.gen(function*() {
        const frame = (message: RpcMessage.FromClientEncoded) => Effect.sync(() => link.ws?.send(JSON.stringify(message)))
        /** Write `entry` on the open connection, or once one opens; unless it was answered or dropped meanwhile. */
        const write = (entry: ClientPending.Entry): Effect.Effect<void> =>
          Effect.suspend(() => {
            const ws = link.ws
            return !pending.live(entry)
              ? Effect.void
              : ws !== undefined && ws.readyState === 1
              ? Effect.sync(() => (ws.send(JSON.stringify(entry.request)), pending.sent(entry, link.generation)))
              : Effect.zipRight(Effect.zipRight(Effect.sync(() => ready.unsafeClose()), ready.await), write(entry))
          })
        /** Acks and interrupts concern a request written on the current connection only (the server forgot the others). */
        const onCurrent = (id: string, message: RpcMessage.FromClientEncoded, forget: boolean) =>
          Effect.suspend(() => {
            const entry = pending.get(id)
            forget && pending.done(id)
            return entry !== undefined && entry.sentOn === link.generation && link.ws?.readyState === 1 ? frame(message) : Effect.void
          })
        const send = (message: RpcMessage.FromClientEncoded): Effect.Effect<void> =>
          message._tag === "Request"
            ? Effect.flatMap(FiberRef.get(ClientSettings.currentCall), (call) => {
              const entry = pending.add(message, call)
              return Effect.onInterrupt(write(entry), () => Effect.sync(() => pending.done(message.id)))
            })
            : message._tag === "Ack"
            ? onCurrent(message.requestId, message, false)
            : message._tag === "Interrupt"
            ? onCurrent(message.requestId, message, true)
            : Effect.void

        /** Server messages, in the order they arrived: answers end their call's bookkeeping. */
        const receive = (text: string | undefined) =>
          Either.match(_parse(text), {
            onLeft: () => Effect.logDebug("effect-contracts client: dropped a frame that is not JSON"),
            onRight: (message) =>
              message._tag === "Pong"
                ? Effect.sync(() => void (link.pong = true))
                : Effect.zipRight(
                  Effect.sync(() => message._tag === "Exit" ? pending.done(message.requestId) : message._tag === "Defect" ? pending.clear() : undefined),
                  respond(message)
                )
          })
        /** Connection `generation` is gone: replay what may be replayed, fail the other calls it carried. */
        const lost = (generation: number) =>
          Effect.suspend(() => {
            const { failed, replay } = pending.lost(generation)
            return Effect.zipRight(
              Effect.forEach(failed, (e) =>
                respond(ClientSettings.unavailable(e.request.id, "the connection was lost while the call was in flight: it may or may not have run", "unknown"))),
              Effect.sync(() => replay.forEach((e) => run(write(e))))
            )
          })
        yield* Queue.take(inbox).pipe(
          Effect.flatMap((event) => typeof event === "object" ? lost(event.lost) : receive(event)),
          Effect.forever,
          Effect.interruptible,
          Effect.forkScoped
        )

        /** The connection went down: calls wait from now on; those it carried are settled in the inbox's order. */
        const down = Effect.suspend(() => {
          const wasOpen = link.ws !== undefined
          link.ws = undefined
          ready.unsafeClose()
          wasOpen && Queue.unsafeOffer(inbox, { lost: link.generation })
          return state.set(link.opened ? "reconnecting" : "connecting")
        })

        /** One connection, from opening to its end: whether it had stayed open long enough to reset the backoff. */
        const session = Effect.gen(function*() {
          const ws = yield* Effect.acquireRelease(
            Effect.try({ try: () => construct(settings.socketUrl), catch: (e) => `cannot open ${settings.socketUrl}: ${String(e)}` }),
            (ws) => Effect.sync(() => ws.readyState <= 1 && ws.close(1000))
          )
          const ended = yield* Deferred.make<string>()
          ws.addEventListener("message", (e) => Queue.unsafeOffer(inbox, _text(e.data)))
          ws.addEventListener("close", (e) => Deferred.unsafeDone(ended, Effect.succeed(`closed (${e.code})`)))
          ws.addEventListener("error", () => Deferred.unsafeDone(ended, Effect.succeed("connection error")))
          yield* _opened(ws).pipe(Effect.timeoutFail({ duration: settings.openTimeout, onTimeout: () => "timed out opening" }))
          const since = yield* Clock.currentTimeMillis
          Object.assign(link, { ws, generation: link.generation + 1, pong: true, opened: true })
          yield* state.set("open")
          yield* ready.open
          // The server answers every ping; a connection that let one go unanswered until the next is dead.
          const heartbeat = Effect.suspend(() =>
            link.pong ? Effect.zipRight(Effect.sync(() => void (link.pong = false)), frame({ _tag: "Ping" })) : Effect.fail("no pong")
          ).pipe(Effect.delay(settings.heartbeat), Effect.forever, Effect.catchAll(Effect.succeed))
          yield* Effect.raceFirst(Deferred.await(ended), heartbeat)
          const now = yield* Clock.currentTimeMillis
          return { healthy: now - since >= Duration.toMillis(settings.reconnect.resetAfter) }
        }).pipe(
          Effect.catchAll(() => Effect.succeed({ healthy: false })),
          Effect.scoped,
          // Interrupted: the client is closing (its state becomes `closed`, its calls are interrupted).
          Effect.onExit((exit) => Exit.isInterrupted(exit) ? Effect.sync(() => (link.ws = undefined, ready.unsafeClose())) : down)
        )
        yield* session.pipe(
          Effect.flatMap(Effect.fail),
          Effect.retry(ClientSettings.reconnect(settings.reconnect)),
          Effect.interruptible,
          Effect.forkScoped
        )
        return { send, supportsAck: true, supportsTransferables: false }
      })
    )
    return { protocol, state }
  })

export const ClientSocket = { make } as const
