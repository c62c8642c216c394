/**
 * Server-Sent Events for channels (STRM-01): `GET /events/<contract>/<Channel>?key=<key>` streams one key
 * of one channel. Each message is `id: <cursor>` + `data: <payload JSON>` (a stream from now opens with a bare
 * `id:`, where it began); a browser's `EventSource` reconnects by itself and sends the last id as
 * `Last-Event-ID`, which resumes with no gap and no duplicate (`?cursor=` does the same on a first connect). A gap is `event: gap`, a subscriber that fell behind its
 * buffer gets `event: lagged` and is closed (it resumes from its cursor), `: hb` comments keep proxies
 * from timing out, and `retry:` sets the reconnect delay. `EventSource` cannot send headers, so a bearer
 * token may come as `?access_token=`; the channel's own check (the contract's `allow`) decides the key.
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { EdgeError } from "../contract/EdgeError.js"
import { RealtimeHub } from "./Hub.js"
import type { RealtimeSubscription } from "./Subscription.js"

/** A channel as SSE serves it: its id, and how one request (encoded key, cursor, headers) opens its stream. */
interface Exposed<R> {
  readonly id: string
  readonly open: (
    key: string,
    cursor: string | undefined,
    headers: Headers.Headers
  ) => Effect.Effect<Stream.Stream<RealtimeSubscription.Item, EdgeError.Unavailable, RealtimeHub.Tag>, _Refusal, R>
}

type _Refusal = EdgeError.Unauthorized | EdgeError.Forbidden | EdgeError.RequestInvalid

const _status: Record<_Refusal["_tag"], number> = { Unauthorized: 401, Forbidden: 403, RequestInvalid: 400 }

const _headers = {
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  "connection": "keep-alive"
}

const _data = (value: unknown) => JSON.stringify(value)

/**
 * One item as an SSE frame: a message is the default `message` event, so `onmessage` receives it. `Start` is an
 * id without data: `EventSource` dispatches nothing but keeps it as its last event id, so a reconnect before
 * the first message resumes from where the subscription began (`Last-Event-ID`) instead of from a later now.
 */
const frame = (item: RealtimeSubscription.Item): string =>
  item._tag === "Message"
    ? `id: ${item.cursor}\ndata: ${item.payload}\n\n`
    : item._tag === "Start"
    ? `id: ${item.cursor}\n\n`
    : `id: ${item.cursor}\nevent: ${item._tag.toLowerCase()}\ndata: ${_data({ cursor: item.cursor, message: item.message })}\n\n`

const _refuse = (e: _Refusal) => HttpServerResponse.unsafeJson({ _tag: e._tag, message: e.message }, { status: _status[e._tag] })

/** The request's headers, with `?access_token=` as a bearer token when it carries no `authorization`. */
const _auth = (headers: Headers.Headers, url: URL) => {
  const token = url.searchParams.get("access_token")
  return token === null || Headers.has(headers, "authorization") ? headers : Headers.set(headers, "authorization", `Bearer ${token}`)
}

/** The SSE routes of `channels`; what their checks need is the router's requirement. */
const routes = <R>(channels: ReadonlyArray<Exposed<R>>, settings: { readonly heartbeat: number; readonly retryMs: number }) => {
  const byId = new Map(channels.map((c) => [c.id, c]))
  const handler = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const params = yield* HttpRouter.params
    const url = new URL(request.url, "http://localhost")
    const channel = byId.get(`${params.contract}.${params.channel}`)
    const key = url.searchParams.get("key")
    const cursor = request.headers["last-event-id"] ?? url.searchParams.get("cursor") ?? undefined
    const hub = yield* RealtimeHub.Hub
    return channel === undefined
      ? HttpServerResponse.unsafeJson({ _tag: "NotFound", message: `no channel ${params.contract}.${params.channel}` }, { status: 404 })
      : key === null
      ? HttpServerResponse.unsafeJson({ _tag: "RequestInvalid", message: "missing ?key=" }, { status: 400 })
      : yield* channel.open(key, cursor, _auth(request.headers, url)).pipe(
        Effect.map((items) => {
          const body = Stream.make(`retry: ${settings.retryMs}\n\n`).pipe(
            Stream.concat(Stream.merge(
              items.pipe(
                Stream.map(frame),
                Stream.catchAll((e) => Stream.make(`event: unavailable\ndata: ${_data({ message: e.message })}\n\n`))
              ),
              Stream.tick(settings.heartbeat).pipe(Stream.drop(1), Stream.as(": hb\n\n")),
              { haltStrategy: "left" }
            )),
            Stream.encodeText,
            Stream.provideService(RealtimeHub.Hub, hub)
          )
          return HttpServerResponse.stream(body, { contentType: "text/event-stream", headers: _headers })
        }),
        Effect.catchAll((e) => Effect.succeed(_refuse(e)))
      )
  })
  return HttpRouter.get(HttpRouter.empty, "/events/:contract/:channel", handler)
}

export const RealtimeSse = { routes, frame } as const

export declare namespace RealtimeSse {
  type Channel<R> = Exposed<R>
  type Refusal = _Refusal
}
