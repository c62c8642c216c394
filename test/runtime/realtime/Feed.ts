/**
 * The channel the realtime tests publish and subscribe to: numbered messages for a room, and helpers to
 * publish a range, read what a subscriber received, and the range it must receive.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
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

/** The first `count` items of a subscription. */
const take = (r: typeof Room.Type, count: number, cursor?: string) =>
  feed.subscribe(r, { cursor }).pipe(Stream.take(count), Stream.runCollect, Effect.map(Chunk.toReadonlyArray))

/** The numbers of the messages among `items`. */
const numbers = (items: ReadonlyArray<Realtime.Item<{ readonly n: number }>>) =>
  items.flatMap((i) => (i._tag === "Message" ? [i.payload.n] : []))

/** `from`..`to`: what a subscriber must receive, each once, in order. */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

export const Feed = { Room, feed, room, publish, take, numbers, range } as const
