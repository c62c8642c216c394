/**
 * Realtime across real pods (STRM-01/02, WS-01/02/03): SSE and WebSocket subscribers on pod a receive what
 * pod b publishes, each message once and in order, with no gap across a reconnect with the cursor (one taken
 * from the bare `id:` a stream from now opens with, too), a `kill -9` of the publisher's pod and a killed LISTEN
 * connection; a user's sockets on two pods both get what a third process publishes to that user; a key the
 * principal may not read is refused (403 / `Forbidden`).
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { expect, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Queue from "effect/Queue"
import { Clients } from "./Clients.js"
import { Cluster } from "./Cluster.js"
import { Feed } from "./Feed.js"

/** Wait until a typed subscriber holds `count` items, and return them. */
const _items = <A>(queue: Queue.Dequeue<A>, count: number) =>
  Queue.takeBetween(queue, count, count).pipe(Effect.map(Chunk.toReadonlyArray), Effect.timeout("60 seconds"))

const _frames = (frames: Parameters<typeof Clients.next>[0], count: number) => Clients.next(frames, count).pipe(Effect.timeout("60 seconds"))

layer(Cluster.layer(3), { timeout: "120 seconds", excludeTestServices: true })("realtime across pods", (it) => {
  it.scoped("SSE and WebSocket on pod a get pod b's messages in order; an SSE reconnect with Last-Event-ID has no gap, no duplicate", () =>
    Effect.gen(function*() {
      const { pods: [a, b] } = yield* Cluster.Fixture
      const room = "room-lobby1"
      const first = yield* Clients.sse(Cluster.sseUrl(a!, room, "ann"))
      expect(first.status).toBe(200)
      expect(first.headers["content-type"]).toContain("text/event-stream")
      expect(first.headers["cache-control"]).toBe("no-cache, no-transform")
      expect(first.headers["x-accel-buffering"]).toBe("no")
      const ws = yield* (yield* Clients.socket(a!.httpPort, "ann")).follow(Feed.room(room))
      yield* Effect.sleep("300 millis")
      yield* Cluster.publish(b!, room, 1, 50)
      const frames = yield* _frames(first.frames, 50)
      expect(Clients.numbers(frames)).toEqual(Feed.range(1, 50))
      const last = frames.at(-1)!.id!
      yield* Cluster.publish(b!, room, 51, 100)
      const again = yield* Clients.sse(Cluster.sseUrl(a!, room, "ann"), { "last-event-id": last })
      expect(Clients.numbers(yield* _frames(again.frames, 50))).toEqual(Feed.range(51, 100))
      expect(Clients.itemNumbers(yield* _items(ws.items, 100))).toEqual(Feed.range(1, 100))
    }))

  it.scoped("SSE from now opens with its cursor as a bare `id:`: a reconnect before any message gets what was published meanwhile", () =>
    Effect.gen(function*() {
      const { pods: [a, b] } = yield* Cluster.Fixture
      const room = "room-lobby4"
      const fresh = yield* Clients.sse(Cluster.sseUrl(a!, room, "ann").replace("&cursor=0.0", ""))
      const start = yield* fresh.lastEventId.pipe(Effect.timeout("60 seconds"))
      expect(yield* Queue.size(fresh.frames), "no event dispatched for it").toBe(0)
      yield* Cluster.publish(b!, room, 1, 3)
      const again = yield* Clients.sse(Cluster.sseUrl(a!, room, "ann"), { "last-event-id": start })
      expect(Clients.numbers(yield* _frames(again.frames, 3))).toEqual([1, 2, 3])
    }))

  it.scoped("kill -9 of the publisher's pod: subscribers get every committed message, then what another pod publishes", () =>
    Effect.gen(function*() {
      const { pods: [a, b, c] } = yield* Cluster.Fixture
      const sql = yield* SqlClient.SqlClient
      const room = "room-lobby2"
      const stream = yield* Clients.sse(Cluster.sseUrl(a!, room, "ann"))
      const ws = yield* (yield* Clients.socket(a!.httpPort, "ann")).follow(Feed.room(room))
      yield* Effect.sleep("300 millis")
      const publishing = yield* Effect.fork(Effect.ignore(Cluster.publish(b!, room, 1, 5000)))
      yield* _frames(stream.frames, 100)
      yield* b!.kill9
      yield* Fiber.join(publishing)
      const rows = yield* sql<{ last_seq: string }>`SELECT last_seq FROM ec_rt_stream WHERE channel = 'chat.Feed' AND key = ${room}`
      const committed = Number(rows[0]?.last_seq)
      expect(committed).toBeGreaterThanOrEqual(100)
      expect(committed).toBeLessThan(5000)
      yield* Cluster.publish(c!, room, committed + 1, committed + 10)
      const rest = yield* _frames(stream.frames, committed + 10 - 100)
      expect([...Feed.range(1, 100), ...Clients.numbers(rest)]).toEqual(Feed.range(1, committed + 10))
      expect(Clients.itemNumbers(yield* _items(ws.items, committed + 10))).toEqual(Feed.range(1, committed + 10))
    }))

  it.scoped("a killed LISTEN connection: the pod notices, reconnects and catches up from the log", () =>
    Effect.gen(function*() {
      const { pods: [a, , c] } = yield* Cluster.Fixture
      const sql = yield* SqlClient.SqlClient
      const room = "room-lobby3"
      const stream = yield* Clients.sse(Cluster.sseUrl(a!, room, "ann"))
      yield* Effect.sleep("300 millis")
      yield* Cluster.publish(c!, room, 1, 10)
      expect(Clients.numbers(yield* _frames(stream.frames, 10))).toEqual(Feed.range(1, 10))
      const killed = yield* sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'ec_realtime_listener' AND datname = current_database()`
      expect(killed.length).toBeGreaterThanOrEqual(2)
      yield* Cluster.publish(c!, room, 11, 60)
      expect(Clients.numbers(yield* _frames(stream.frames, 50))).toEqual(Feed.range(11, 60))
    }))

  it.scoped("WS-03: a user's sockets on two pods both get what a third process publishes to that user", () =>
    Effect.gen(function*() {
      const { pods: [a, , c] } = yield* Cluster.Fixture
      const onA = yield* (yield* Clients.socket(a!.httpPort, "ann")).follow(Feed.room("room-ann"))
      const onC = yield* (yield* Clients.socket(c!.httpPort, "ann")).follow(Feed.room("room-ann"))
      const sseOnC = yield* Clients.sse(Cluster.sseUrl(c!, "room-ann", "ann"))
      yield* Effect.sleep("300 millis")
      yield* Feed.publish(Feed.room("room-ann"), 1, 20)
      expect(Clients.itemNumbers(yield* _items(onA.items, 20))).toEqual(Feed.range(1, 20))
      expect(Clients.itemNumbers(yield* _items(onC.items, 20))).toEqual(Feed.range(1, 20))
      expect(Clients.numbers(yield* _frames(sseOnC.frames, 20))).toEqual(Feed.range(1, 20))
    }))

  it.scoped("a key the principal may not read: 403 over SSE, a typed Forbidden over WebSocket; no token: 401; bad key: 400", () =>
    Effect.gen(function*() {
      const { pods: [a] } = yield* Cluster.Fixture
      expect((yield* Clients.sse(Cluster.sseUrl(a!, "room-ann", "bob"))).status).toBe(403)
      expect((yield* Clients.sse(a!.url("/events/chat/Feed?key=room-ann"))).status).toBe(401)
      expect((yield* Clients.sse(Cluster.sseUrl(a!, "not-a-room", "ann"))).status).toBe(400)
      expect((yield* Clients.sse(Cluster.sseUrl(a!, "room-ann", "ann").replace("/Feed", "/Nope"))).status).toBe(404)
      const denied = yield* (yield* Clients.socket(a!.httpPort, "bob")).follow(Feed.room("room-ann"))
      expect(yield* denied.failed.pipe(Effect.timeout("20 seconds"))).toMatchObject({ _tag: "Forbidden" })
    }))
})
