/**
 * The HTTP transport: an `RpcClient.Protocol` that POSTs each request to its group's `/rpc/<group>` (one NDJSON
 * line, with the client's contracts' version in a header) with `fetch` and reads the NDJSON answer as it
 * streams. There is no connection to keep, so its state follows the server's reachability: after a request
 * fails in transport (or a proxy answers 502, 503 or 504: no server behind it) it is `reconnecting` and polls
 * `/livez` with `ClientSettings.reconnect` until the server answers; requests wait meanwhile. A failed
 * idempotent call is sent again once the server is back; any other call cut in transport fails with
 * `Unavailable { outcome: "unknown" }`. Plain `fetch` rather than @effect/platform's HttpClient, which would
 * add a twentieth to every browser bundle of the client. Browser-safe: no Node built-ins.
 */
import * as RpcClient from "@effect/rpc/RpcClient"
import type * as RpcMessage from "@effect/rpc/RpcMessage"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as FiberSet from "effect/FiberSet"
import * as Stream from "effect/Stream"
import type { ClientPending } from "./Pending.js"
import { ClientSettings } from "./Settings.js"
import { ClientState } from "./State.js"

const _parse = (line: string) => Either.try(() => JSON.parse(line) as RpcMessage.FromServerEncoded)

/** `fetch`, interrupted by the fiber's interruption; any failure is the transport's. */
const _fetch = (url: string, init: RequestInit = {}) =>
  Effect.tryPromise({ try: (signal) => globalThis.fetch(url, { ...init, signal }), catch: (cause) => cause })

/** What a proxy answers when no server is behind it: the server is unreachable, as when `fetch` fails. */
const _gateway: ReadonlySet<number> = new Set([502, 503, 504])

const make = (settings: ClientSettings.Settings, pending: ClientPending.Pending, groupOf: (tag: string) => string) =>
  Effect.gen(function*() {
    // The server answers a client of other contracts `UpgradeRequired` for each call, as the socket does for `?v=`.
    const version = settings.version === undefined ? {} : { [ClientSettings.versionHeader]: settings.version }
    const state = ClientState.make("connecting")
    yield* Effect.addFinalizer(() => state.set("closed"))
    const ready = yield* Effect.makeLatch(false)
    const run = yield* FiberSet.makeRuntime<never>()
    const probing = { value: false, opened: false }

    /** Poll `/livez` until the server answers, then let requests go. */
    const probe = _fetch(settings.probeUrl).pipe(
      Effect.filterOrFail((r) => r.ok),
      Effect.mapError(() => ({ healthy: false })),
      Effect.retry(ClientSettings.reconnect(settings.reconnect)),
      Effect.zipRight(Effect.suspend(() => (probing.value = false, probing.opened = true, state.set("open")))),
      Effect.zipRight(ready.open)
    )
    const down = Effect.suspend(() => {
      ready.unsafeClose()
      const start = !probing.value
      probing.value = true
      return start ? Effect.zipRight(state.set(probing.opened ? "reconnecting" : "connecting"), Effect.sync(() => run(probe))) : Effect.void
    })
    yield* down

    const protocol = yield* RpcClient.Protocol.make((respond) =>
      Effect.gen(function*() {
        const receive = (line: string) =>
          Either.match(_parse(line), {
            onLeft: () => Effect.void,
            onRight: (message) => Effect.zipRight(Effect.sync(() => message._tag === "Exit" && pending.done(message.requestId)), respond(message))
          })
        const post = (entry: ClientPending.Entry) =>
          _fetch(settings.rpcUrl(groupOf(entry.request.tag)), {
            method: "POST",
            headers: { "content-type": "application/ndjson", ...version },
            body: `${JSON.stringify(entry.request)}\n`
          }).pipe(Effect.filterOrFail(
            (response) => !_gateway.has(response.status),
            // The proxy's error page is not read: cancel its body so its connection is freed now, not when collected.
            (response) => (void response.body?.cancel().catch(() => undefined), response.status)
          ), Effect.flatMap((response) =>
            Stream.fromReadableStream({ evaluate: () => response.body ?? new ReadableStream<Uint8Array>(), onError: (cause) => cause }).pipe(
              Stream.decodeText(),
              Stream.splitLines,
              Stream.runForEach((line) => line === "" ? Effect.void : receive(line))
            )
          ))
        /** Send once the server is reachable; a transport failure marks it down, then replays or fails the call. */
        const attempt = (entry: ClientPending.Entry): Effect.Effect<void> =>
          ready.whenOpen(Effect.sync(() => pending.sent(entry, 0))).pipe(
            Effect.zipRight(post(entry)),
            Effect.matchEffect({
              onFailure: () => Effect.zipRight(down, entry.replay ? attempt(entry) : Effect.void),
              onSuccess: () => Effect.void
            }),
            // Still waiting once the answer ended (a body cut short, a proxy's error page): its outcome is unknown.
            Effect.zipRight(Effect.suspend(() =>
              pending.live(entry)
                ? Effect.zipRight(
                  Effect.sync(() => pending.done(entry.request.id)),
                  respond(ClientSettings.unavailable(entry.request.id, "the connection was lost before the answer: the call may or may not have run", "unknown"))
                )
                : Effect.void
            ))
          )
        const send = (message: RpcMessage.FromClientEncoded): Effect.Effect<void> =>
          message._tag === "Request"
            ? Effect.flatMap(FiberRef.get(ClientSettings.currentCall), (call) => {
              const entry = pending.add(message, call)
              return Effect.ensuring(attempt(entry), Effect.sync(() => pending.done(message.id)))
            })
            : Effect.void
        return { send, supportsAck: false, supportsTransferables: false }
      })
    )
    return { protocol, state }
  })

export const ClientHttp = { make } as const
