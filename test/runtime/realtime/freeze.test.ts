/**
 * Realtime when the subscriber's pod misbehaves: frozen (`SIGSTOP`) long enough for the server to drop its
 * LISTEN session while another pod publishes, then thawed — its subscribers still get every message once
 * and in order; and a client that stops reading its SSE stream never grows the pod's memory beyond a bound:
 * it is sent `lagged` and closed, and resumes from its cursor with nothing missing.
 */
import { expect, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import { Clients } from "./Clients.js"
import { Cluster } from "./Cluster.js"
import { Feed } from "./Feed.js"

const _frames = (frames: Parameters<typeof Clients.next>[0], count: number) => Clients.next(frames, count).pipe(Effect.timeout("60 seconds"))

layer(Cluster.layer(2), { timeout: "120 seconds", excludeTestServices: true })("realtime with a frozen or slow subscriber", (it) => {
  it.scoped("SIGSTOP of the subscriber's pod for 12 s while the other publishes, then SIGCONT: no gap, no duplicate", () =>
    Effect.gen(function*() {
      const { pods: [a, b] } = yield* Cluster.Fixture
      const room = "room-lobbyf"
      const stream = yield* Clients.sse(Cluster.sseUrl(a!, room, "ann"))
      const ws = yield* (yield* Clients.socket(a!.httpPort, "ann")).follow(Feed.room(room))
      yield* Effect.sleep("300 millis")
      yield* Cluster.publish(b!, room, 1, 20)
      expect(Clients.numbers(yield* _frames(stream.frames, 20))).toEqual(Feed.range(1, 20))
      yield* a!.signal("SIGSTOP")
      yield* Effect.forEach([0, 1, 2, 3], (i) => Effect.zipRight(Cluster.publish(b!, room, 21 + i * 25, 45 + i * 25), Effect.sleep("3 seconds")))
      yield* a!.signal("SIGCONT")
      yield* Cluster.publish(b!, room, 121, 130)
      expect(Clients.numbers(yield* _frames(stream.frames, 110))).toEqual(Feed.range(21, 130))
      const items = yield* Queue.takeBetween(ws.items, 130, 130).pipe(Effect.timeout("60 seconds"))
      expect(Clients.itemNumbers(Chunk.toReadonlyArray(items))).toEqual(Feed.range(1, 130))
      expect(yield* a!.logs).toContain("LISTEN connection lost")
    }))

  it.scoped("a client that stops reading: the pod's memory stays bounded, the client is told it lagged and resumes with no gap", () =>
    Effect.gen(function*() {
      const { pods: [a, b] } = yield* Cluster.Fixture
      const room = "room-lobbys"
      const slow = yield* Clients.sse(Cluster.sseUrl(a!, room, "ann"))
      yield* Effect.sleep("300 millis")
      yield* slow.pause
      const before = yield* Cluster.memory(a!)
      // 3,000 messages of 32 KiB: 94 MiB the pod would hold if it buffered for a client that never reads.
      yield* Effect.forEach([0, 1, 2], (i) => Cluster.publish(b!, room, 1 + i * 1000, 1000 + i * 1000, 32768), { discard: true })
      yield* Effect.sleep("1 second")
      const after = yield* Cluster.memory(a!)
      const mib = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`
      expect(after.retained - before.retained, `retained grew by ${mib(after.retained - before.retained)}`).toBeLessThan(16 * 1048576)
      expect(after.rss - before.rss, `rss grew by ${mib(after.rss - before.rss)}`).toBeLessThan(64 * 1048576)
      yield* slow.resume
      yield* slow.ended.pipe(Effect.timeout("60 seconds"))
      const frames = Chunk.toReadonlyArray(yield* Queue.takeAll(slow.frames))
      const lagged = frames.at(-1)!
      expect(lagged.event).toBe("lagged")
      const got = Clients.numbers(frames)
      expect(got).toEqual(Feed.range(1, got.length))
      const resumed = yield* Clients.sse(Cluster.sseUrl(a!, room, "ann"), { "last-event-id": lagged.id! })
      const rest = yield* _frames(resumed.frames, 3000 - got.length)
      yield* Effect.logInfo(`slow client: ${got.length} messages before 'lagged'; rss +${Math.round((after.rss - before.rss) / 1048576)} MiB`)
      expect([...got, ...Clients.numbers(rest)]).toEqual(Feed.range(1, 3000))
    }))
})
