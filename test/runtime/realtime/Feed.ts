/**
 * The channel the realtime tests publish and subscribe to: numbered messages for a room, and helpers to
 * publish a range, read what a subscriber received, and the range it must receive.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { Realtime } from "effect-contracts/Realtime"

const Room = Schema.String.pipe(Schema.pattern(/^room-[a-z0-9]+$/), Schema.brand("Room"))

const feed = Realtime.channel({
  contract: "chat",
  name: "Feed",
  key: Room,
  payload: Schema.Struct({ n: Schema.Int, text: Schema.String })
})

const room = Room.make

/** Publish messages `from`..`to` to `room`, each in its own transaction (`text` pads them). */
const publish = (r: typeof Room.Type, from: number, to: number, text?: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.forEach(
      Array.from({ length: to - from + 1 }, (_, i) => from + i),
      (n) => sql.withTransaction(feed.publish(r, { n, text: text ?? `message ${n}` })),
      { discard: true }
    ))

/** The first `count` items of a subscription, its opening `Start` (a subscription without a cursor) left out. */
const take = (r: typeof Room.Type, count: number, cursor?: string) =>
  feed.subscribe(r, { cursor }).pipe(Stream.filter((i) => i._tag !== "Start"), Stream.take(count), Stream.runCollect, Effect.map(Chunk.toReadonlyArray))

/**
 * Subscribe from now, wait for its `Start` (from then on nothing published is missed: no sleep needed), run `act`,
 * then collect `count` items after the `Start`.
 */
const during = <A, E, R>(r: typeof Room.Type, count: number, act: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const started = yield* Deferred.make<string>()
    const fiber = yield* feed.subscribe(r).pipe(
      Stream.tap((i) => i._tag === "Start" ? Deferred.succeed(started, i.cursor) : Effect.void),
      Stream.filter((i) => i._tag !== "Start"),
      Stream.take(count),
      Stream.runCollect,
      Effect.map(Chunk.toReadonlyArray),
      Effect.fork
    )
    yield* Deferred.await(started)
    yield* act
    return yield* Fiber.join(fiber)
  })

/** The numbers of the messages among `items`. */
const numbers = (items: ReadonlyArray<Realtime.Item<{ readonly n: number }>>) =>
  items.flatMap((i) => (i._tag === "Message" ? [i.payload.n] : []))

/** `from`..`to`: what a subscriber must receive, each once, in order. */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

export const Feed = { Room, feed, room, publish, take, during, numbers, range } as const
