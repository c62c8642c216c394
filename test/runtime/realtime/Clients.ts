/**
 * Subscribers as the realtime pod tests use them, from outside the pods: a raw SSE client over `node:http`
 * (frames as sent, `Last-Event-ID` as a browser's EventSource sends it, a socket that can stop reading), and a
 * typed `chat.Feed` subscriber over the pod's WebSocket, with the bearer token of a user.
 */
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as RpcClient from "@effect/rpc/RpcClient"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import { Auth } from "effect-contracts/Auth"
import type { Realtime } from "effect-contracts/Realtime"
import { request, type IncomingMessage } from "node:http"
import { Chat } from "./Chat.js"
import type { Feed } from "./Feed.js"

/** One SSE frame: its id, its event type (`message` by default) and its data. */
interface Frame {
  readonly id: string | undefined
  readonly event: string
  readonly data: string
}

const _frame = (text: string): Frame | undefined => {
  const fields = text.split("\n").filter((l) => !l.startsWith(":") && l.includes(":"))
  const field = (name: string) => fields.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trimStart())
  const data = field("data")
  return data.length === 0 ? undefined : { id: field("id")[0], event: field("event")[0] ?? "message", data: data.join("\n") }
}

/** The last `id:` of a frame, with or without data: what an `EventSource` keeps and sends as `Last-Event-ID`. */
const _lastId = (text: string): string | undefined =>
  text.split("\n").filter((l) => l.startsWith("id:")).map((l) => l.slice(3).trimStart()).at(-1)

/**
 * Open `url` as an SSE stream. Its frames arrive in `frames` (those with data); `lastEventId` waits for the first
 * `id:` and is the last one seen, as `EventSource` keeps it; `status` is the HTTP status; `ended` completes
 * when the server closes the response; `pause`/`resume` stop and restart reading the socket.
 */
const sse = (url: string, headers: Readonly<Record<string, string>> = {}) =>
  Effect.gen(function*() {
    const frames = yield* Queue.unbounded<Frame>()
    const ended = yield* Deferred.make<void>()
    const ids = { last: undefined as string | undefined, first: yield* Deferred.make<void>() }
    const response = yield* Effect.acquireRelease(
      Effect.async<IncomingMessage, Error>((resume) => {
        const req = request(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => resume(Effect.succeed(res)))
        req.on("error", (e) => resume(Effect.fail(e)))
        req.end()
      }),
      (res) => Effect.sync(() => res.destroy())
    )
    const buffer = { text: "" }
    response.setEncoding("utf8")
    response.on("data", (chunk: string) => {
      buffer.text += chunk
      const parts = buffer.text.split("\n\n")
      buffer.text = parts.pop() ?? ""
      parts.forEach((text) => {
        const id = _lastId(text)
        id === undefined || (ids.last = id, Deferred.unsafeDone(ids.first, Effect.void))
      })
      parts.map(_frame).forEach((f) => f === undefined || Queue.unsafeOffer(frames, f))
    })
    response.on("close", () => Deferred.unsafeDone(ended, Effect.void))
    response.on("end", () => Deferred.unsafeDone(ended, Effect.void))
    return {
      status: response.statusCode ?? 0,
      headers: response.headers,
      frames,
      ended: Deferred.await(ended),
      lastEventId: Effect.map(Deferred.await(ids.first), () => ids.last!),
      pause: Effect.sync(() => void response.pause()),
      resume: Effect.sync(() => void response.resume())
    }
  })

/** The next `count` frames (of any event type) of an SSE stream. */
const next = (frames: Queue.Dequeue<Frame>, count: number) => Effect.map(Queue.takeBetween(frames, count, count), Chunk.toReadonlyArray)

/** The message numbers of SSE frames (their JSON data's `n`). */
const numbers = (frames: ReadonlyArray<Frame>) =>
  frames.filter((f) => f.event === "message").map((f) => (JSON.parse(f.data) as { readonly n: number }).n)

/** A typed `chat.Feed` subscriber of `room` over the WebSocket of the pod at `port`, as `user`. */
const socket = (port: number, user: string) =>
  Layer.build(Layer.mergeAll(
    RpcClient.layerProtocolSocket().pipe(
      Layer.provide(NodeSocket.layerWebSocket(`ws://127.0.0.1:${port}/ws`)),
      Layer.provide(RpcSerialization.layerJson)
    ),
    Auth.client(Chat.ChatAuth, Effect.succeed(`user-${user}`))
  )).pipe(
    Effect.flatMap((context) => Effect.provide(RpcClient.make(Chat.Rpcs), context)),
    Effect.map((client) => ({
      /** Subscribe to `room` from `cursor` (default: its first message), collecting items as they arrive. */
      follow: (room: typeof Feed.Room.Type, cursor = "0.0") =>
        Effect.gen(function*() {
          const items = yield* Queue.unbounded<Realtime.Item<{ readonly n: number }>>()
          const failed = yield* Deferred.make<unknown>()
          yield* client.chat.Feed({ key: room, cursor }).pipe(
            Stream.runForEach((item) => Queue.offer(items, item)),
            Effect.catchAll((e) => Deferred.succeed(failed, e)),
            Effect.forkScoped
          )
          return { items, failed: Deferred.await(failed) }
        })
    }))
  )

/** The message numbers among typed items. */
const itemNumbers = (items: ReadonlyArray<Realtime.Item<{ readonly n: number }>>) =>
  items.flatMap((i) => (i._tag === "Message" ? [i.payload.n] : []))

export const Clients = { sse, next, numbers, socket, itemNumbers } as const

export declare namespace Clients {
  type SseFrame = Frame
}
