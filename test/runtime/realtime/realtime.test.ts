/**
 * The realtime log and hub in one process, on a fresh PostgreSQL database (LISTEN/NOTIFY) and on SQLite
 * (polling, in sqlite.test.ts): committed messages arrive once and in commit order, rolled-back ones never; a cursor resumes
 * with no gap and no duplicate; a cursor behind retention gets a typed gap; a subscriber that stops reading
 * is told it lagged instead of growing memory; a killed LISTEN connection is noticed and caught up.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { expect, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { Realtime } from "effect-contracts/Realtime"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Feed } from "./Feed.js"

const _config = Layer.setConfigProvider(ConfigProvider.fromMap(new Map([["REALTIME_BUFFER", "50"], ["REALTIME_RETENTION_COUNT", "20"]])))
const _pg = Realtime.layer.pipe(Layer.provideMerge(Postgres.layerClient), Layer.provide(_config))

/** Subscribe first (so nothing published after is missed), then run `act`, then collect `count` items. */
const _during = Feed.during

layer(_pg, { timeout: 60_000, excludeTestServices: true })("realtime on PostgreSQL", (it) => {
    it.effect("delivers committed messages once, in commit order; a rollback is never seen", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const room = Feed.room("room-a")
        const items = yield* _during(room, 200, Effect.all([
          Effect.forEach([0, 1, 2, 3], (w) =>
            Effect.forEach(Array.from({ length: 50 }, (_, i) => w * 50 + i + 1), (n) =>
              sql.withTransaction(Feed.feed.publish(room, { n, text: "" })), { discard: true }), { concurrency: 4, discard: true }),
          sql.withTransaction(Effect.zipRight(Feed.feed.publish(room, { n: -1, text: "rolled back" }), Effect.fail("no"))).pipe(Effect.ignore)
        ]))
        const got = Feed.numbers(items)
        expect(got.length).toBe(200)
        expect(new Set(got).size).toBe(200)
        expect(got).not.toContain(-1)
        const seqs = items.map((i) => Number(i.cursor.split(".")[1]))
        expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
      }))

    it.effect("resumes from a cursor with no gap and no duplicate", () =>
      Effect.gen(function*() {
        const room = Feed.room("room-b")
        const first = yield* _during(room, 5, Feed.publish(room, 1, 5))
        yield* Feed.publish(room, 6, 10)
        const rest = yield* Feed.take(room, 5, first[4]!.cursor)
        expect([...Feed.numbers(first), ...Feed.numbers(rest)]).toEqual(Feed.range(1, 10))
      }))

    it.effect("a subscription from now opens with Start at the stream's head; resumed from it, nothing published since is missed", () =>
      Effect.gen(function*() {
        const room = Feed.room("room-g")
        const opening = (yield* Feed.feed.subscribe(room).pipe(Stream.runHead)).pipe(Option.getOrThrow)
        expect(opening, "a stream never written: from its first message").toEqual({ _tag: "Start", cursor: "0.0" })
        yield* Feed.publish(room, 1, 3)
        const first = yield* Feed.take(room, 3, opening.cursor)
        expect(first.map((i) => i._tag)).toEqual(["Message", "Message", "Message"])
        expect(Feed.numbers(first)).toEqual([1, 2, 3])
        const later = (yield* Feed.feed.subscribe(room).pipe(Stream.runHead)).pipe(Option.getOrThrow)
        expect(later, "a written stream: at its last message").toEqual({ _tag: "Start", cursor: first[2]!.cursor })
        yield* Feed.publish(room, 4, 5)
        expect(Feed.numbers(yield* Feed.take(room, 2, later.cursor))).toEqual([4, 5])
        expect(Realtime.frame({ _tag: "Start", cursor: later.cursor }), "over SSE: an id without data, which EventSource keeps as Last-Event-ID").toBe(`id: ${later.cursor}\n\n`)
      }))

    it.effect("a cursor behind retention gets a typed gap, then what comes next", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const room = Feed.room("room-c")
        const first = yield* _during(room, 1, Feed.publish(room, 1, 30))
        yield* sql`DELETE FROM ec_rt_log WHERE channel = 'chat.Feed' AND key = ${room} AND seq <= 10`
        const fiber = yield* Effect.fork(Feed.take(room, 2, first[0]!.cursor))
        yield* Effect.sleep("200 millis")
        yield* Feed.publish(room, 31, 31)
        const items = yield* Fiber.join(fiber)
        expect(items[0]).toMatchObject({ _tag: "Gap", message: "messages after this cursor were dropped by retention" })
        expect(Feed.numbers(items), "after the gap: live from the newest message").toEqual([31])
        const bad = yield* Feed.take(room, 1, "not-a-cursor")
        expect(bad[0]).toMatchObject({ _tag: "Gap" })
      }))

    it.effect("a subscriber that stops reading gets Lagged with a cursor to resume from", () =>
      Effect.gen(function*() {
        const room = Feed.room("room-d")
        const gate = yield* Deferred.make<void>()
        const stalled = yield* Feed.feed.subscribe(room).pipe(
          Stream.tap(() => Deferred.await(gate)),
          Stream.runCollect,
          Effect.map(Chunk.toReadonlyArray),
          Effect.fork
        )
        yield* Effect.sleep("200 millis")
        yield* Feed.publish(room, 1, 80)
        yield* Deferred.succeed(gate, undefined)
        const items = yield* Fiber.join(stalled)
        const lagged = items.at(-1)!
        expect(lagged._tag).toBe("Lagged")
        expect(Feed.numbers(items).length).toBeLessThan(80)
        const rest = yield* Feed.take(room, 80 - Feed.numbers(items).length, lagged.cursor)
        expect([...Feed.numbers(items), ...Feed.numbers(rest)]).toEqual(Feed.range(1, 80))
      }))

    it.effect("a killed LISTEN connection is noticed and the subscriber catches up", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const room = Feed.room("room-e")
        const items = yield* _during(room, 10, Effect.gen(function*() {
          yield* Feed.publish(room, 1, 5)
          const killed = yield* sql<{ ok: boolean }>`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
            WHERE application_name = 'ec_realtime_listener' AND datname = current_database()`
          expect(killed.length).toBeGreaterThan(0)
          yield* Feed.publish(room, 6, 10)
        }))
        expect(Feed.numbers(items)).toEqual(Feed.range(1, 10))
      }))

    it.effect("a key or payload that does not encode is refused and nothing is written", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const e = yield* Effect.flip(Feed.feed.publish(Feed.room("room-f"), { n: 1.5, text: "" }))
        expect(e._tag).toBe("ParseError")
        const long = yield* Effect.flip(Feed.feed.publish(Feed.room(`room-${"x".repeat(2000)}`), { n: 1, text: "" }))
        expect(String(long)).toContain("at most 1024 bytes")
        const rows = yield* sql<{ n: string }>`SELECT count(*) AS n FROM ec_rt_log WHERE key LIKE 'room-f%' OR length(key) > 1024`
        expect(Number(rows[0]?.n)).toBe(0)
      }))
})
