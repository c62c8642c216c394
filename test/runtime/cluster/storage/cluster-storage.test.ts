/**
 * `ClusterStorage` (the tuned PostgreSQL message storage) behaves like @effect/cluster's own
 * `SqlMessageStorage`: one scenario — requests, duplicates, stream chunks and acks, exits, interrupts,
 * resets and clears — runs against each on its own database; the transcripts must be equal except where
 * the library reads back a stream chunk wrongly (two bugs `ClusterStorage` does not copy). A second test
 * covers what only `ClusterStorage` does: a runner's messages for its own shards reach it from memory.
 */
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as EntityAddress from "@effect/cluster/EntityAddress"
import { EntityId } from "@effect/cluster/EntityId"
import { EntityType } from "@effect/cluster/EntityType"
import * as Envelope from "@effect/cluster/Envelope"
import * as Message from "@effect/cluster/Message"
import * as MessageStorage from "@effect/cluster/MessageStorage"
import * as Reply from "@effect/cluster/Reply"
import * as ShardId from "@effect/cluster/ShardId"
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as Snowflake from "@effect/cluster/Snowflake"
import * as SqlMessageStorage from "@effect/cluster/SqlMessageStorage"
import * as Headers from "@effect/platform/Headers"
import * as Rpc from "@effect/rpc/Rpc"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import { expect, layer } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { ClusterStorage } from "../../../../runtime/cluster/storage/ClusterStorage.js"
import { Postgres } from "../../../../runtime/postgres/Postgres.js"

const _Get = Rpc.make("Get", { payload: { id: Schema.String }, success: Schema.String, primaryKey: (p) => p.id })
  .annotate(ClusterSchema.Persisted, true)
const _Watch = Rpc.make("Watch", { payload: { id: Schema.String }, success: Schema.Number, stream: true, primaryKey: (p) => p.id })
  .annotate(ClusterSchema.Persisted, true)

const _shard = ShardId.make("default", 7)
const _address = (entity: string) =>
  EntityAddress.make({ shardId: _shard, entityType: EntityType.make("T"), entityId: EntityId.make(entity) })
const _id = (n: number) => Snowflake.Snowflake(BigInt(n))

/** The payload is built by the RPC's own schema: that is what gives it its primary key. */
const _envelope = <R extends typeof _Get | typeof _Watch>(rpc: R, n: number, entity: string, key: string) =>
  ({ requestId: _id(n), address: _address(entity), payload: rpc.payloadSchema.make({ id: key }), headers: Headers.empty })

const _get = (n: number, entity: string, key: string) =>
  new Message.OutgoingRequest({
    envelope: Envelope.makeRequest<typeof _Get>({ ..._envelope(_Get, n, entity, key), tag: "Get" }),
    lastReceivedReply: Option.none(),
    rpc: _Get,
    context: Context.empty(),
    respond: () => Effect.void
  })

/** A `Get` to entity `e<n>` on shard `default:<shard>`. */
const _onShard = (n: number, shard: number) =>
  new Message.OutgoingRequest({
    envelope: Envelope.makeRequest<typeof _Get>({
      requestId: _id(n),
      address: EntityAddress.make({ shardId: ShardId.make("default", shard), entityType: EntityType.make("T"), entityId: EntityId.make(`e${n}`) }),
      payload: _Get.payloadSchema.make({ id: `k${n}` }),
      headers: Headers.empty,
      tag: "Get"
    }),
    lastReceivedReply: Option.none(),
    rpc: _Get,
    context: Context.empty(),
    respond: () => Effect.void
  })

const _watch = (n: number, entity: string, key: string) =>
  new Message.OutgoingRequest({
    envelope: Envelope.makeRequest<typeof _Watch>({ ..._envelope(_Watch, n, entity, key), tag: "Watch" }),
    lastReceivedReply: Option.none(),
    rpc: _Watch,
    context: Context.empty(),
    respond: () => Effect.void
  })

/** What a caller can observe of a result, as plain data (ids as strings, replies by tag). */
const _reply = <R extends Rpc.Any>(r: Reply.Reply<R>) =>
  r._tag === "WithExit" ? { tag: r._tag, id: String(r.id), exit: Exit.isSuccess(r.exit) } : { tag: r._tag, id: String(r.id), values: r.values }

const _message = <R extends Rpc.Any>(m: Message.Incoming<R>) =>
  m._tag === "IncomingRequest"
    ? {
      tag: m.envelope.tag,
      id: String(m.envelope.requestId),
      payload: m.envelope.payload,
      last: Option.getOrNull(Option.map(m.lastSentReply, (r) => ({ tag: r._tag, id: r.id })))
    }
    : { tag: m.envelope._tag, id: String(m.envelope.id), request: String(m.envelope.requestId) }

const _scenario = Effect.gen(function*() {
  const storage = yield* MessageStorage.MessageStorage
  const log: Array<readonly [string, unknown]> = []
  const step = <A, E>(name: string, effect: Effect.Effect<A, E>, show: (a: A) => unknown = (a) => a) =>
    Effect.tap(effect, (a) => Effect.sync(() => log.push([name, show(a)])))
  const save = <R extends Rpc.Any>(r: Message.OutgoingRequest<R>) =>
    Effect.map(storage.saveRequest(r), (s) =>
      s._tag === "Success" ? "Success" : { original: String(s.originalId), last: Option.getOrNull(Option.map(s.lastReceivedReply, _reply)) })
  const unprocessed = Effect.map(storage.unprocessedMessages([_shard]), (ms) => ms.map(_message))
  const replies = <R extends Rpc.Any>(r: Message.OutgoingRequest<R>) =>
    Effect.map(storage.repliesFor([r]), (xs) => xs.map(_reply))
  const get = _get(1, "e1", "a")
  const watch = _watch(3, "e2", "w")
  const long = "k".repeat(300)

  yield* step("save get", save(get))
  yield* step("save get again (new id)", save(_get(2, "e1", "a")))
  yield* step("read", unprocessed)
  yield* step("read again (claimed)", unprocessed)
  yield* step("save watch", save(watch))
  yield* step("read watch", unprocessed)
  yield* storage.saveReply(new Reply.ReplyWithContext({
    reply: new Reply.Chunk<typeof _Watch>({ requestId: _id(3), id: _id(4), sequence: 0, values: [1, 2] }),
    rpc: _Watch,
    context: Context.empty()
  }))
  yield* step("replies after a chunk", replies(watch))
  yield* storage.resetShards([_shard])
  yield* step("read after reset (watch waits for its ack)", unprocessed)
  yield* storage.saveEnvelope(new Message.OutgoingEnvelope({
    envelope: new Envelope.AckChunk({ id: _id(5), address: _address("e2"), requestId: _id(3), replyId: _id(4) }),
    rpc: _Watch
  }))
  yield* step("replies after the ack", replies(watch))
  yield* storage.resetShards([_shard])
  yield* step("read after the ack", unprocessed)
  yield* storage.saveReply(new Reply.ReplyWithContext({
    reply: new Reply.WithExit<typeof _Get>({ requestId: _id(1), id: _id(6), exit: Exit.succeed("ok") }),
    rpc: _Get,
    context: Context.empty()
  }))
  yield* step("replies after the exit", Effect.all([replies(get), replies(watch)]))
  yield* step("save get once more (replied)", save(_get(8, "e1", "a")))
  yield* step("request id for key", storage.requestIdForPrimaryKey({ address: _address("e1"), tag: "Get", id: "a" }), (o) => Option.getOrNull(Option.map(o, String)))
  yield* storage.saveEnvelope(Message.OutgoingEnvelope.interrupt({ address: _address("e2"), id: _id(7), requestId: _id(3) }))
  yield* storage.resetShards([_shard])
  yield* step("read with an interrupt", unprocessed)
  yield* step("by id", Effect.map(storage.unprocessedMessagesById([_id(3), _id(1)]), (ms) => ms.map(_message)))
  yield* storage.clearReplies(_id(1))
  yield* step("replies after clear", replies(get))
  yield* storage.resetAddress(_address("e1"))
  yield* step("read after address reset", unprocessed)
  yield* storage.clearAddress(_address("e2"))
  yield* step("by id after clear", Effect.map(storage.unprocessedMessagesById([_id(3)]), (ms) => ms.map(_message)))
  yield* step("save long key", save(_get(10, "e3", long)))
  yield* step("save long key again", save(_get(11, "e3", long)))
  yield* step("request id for long key", storage.requestIdForPrimaryKey({ address: _address("e3"), tag: "Get", id: long }), (o) => Option.getOrNull(Option.map(o, String)))
  return log
})

const _run = (storage: Layer.Layer<MessageStorage.MessageStorage, never, never>) =>
  Effect.scoped(Effect.flatMap(Layer.build(storage), (context) => Effect.provide(_scenario, context)))

const _on = (make: (pg: Layer.Layer<PgClient.PgClient | SqlClient.SqlClient>) => Layer.Layer<MessageStorage.MessageStorage>) =>
  Effect.gen(function*() {
    const db = yield* Postgres.database("storage")
    return yield* _run(make(Layer.orDie(PgClient.layer({ url: Redacted.make(db.url) }))))
  })

layer(Postgres.server, { timeout: "60 seconds", excludeTestServices: true })("ClusterStorage", (it) => {
  it.scoped("does what the library's SqlMessageStorage does, step for step", () =>
    Effect.gen(function*() {
      const library = yield* _on((pg) =>
        SqlMessageStorage.layer.pipe(Layer.provide(ShardingConfig.layer()), Layer.provide(pg), Layer.orDie))
      const tuned = yield* _on((pg) => ClusterStorage.layer.pipe(Layer.provide(pg)))
      const known = new Set(["replies after a chunk", "by id"])
      expect(tuned.filter(([name]) => !known.has(name))).toEqual(library.filter(([name]) => !known.has(name)))
      const lib = Object.fromEntries(library)
      // The library reads a chunk row (kind NULL) as an exit (`Number(null) === 0`), which then fails to decode…
      expect(lib["replies after a chunk"]).toMatchObject([{ tag: "WithExit", exit: false }])
      // …and its by-id read never returns the last sent chunk (it selects `reply_id`, reads `reply_reply_id`).
      expect(lib["by id"]).toMatchObject([{ id: "3", last: null }])
      expect(Object.fromEntries(tuned)).toMatchObject({
        "replies after a chunk": [{ tag: "Chunk", id: "4", values: [1, 2] }],
        "by id": [{ id: "3", last: { tag: "Chunk", id: "4" } }],
        "save get again (new id)": { original: "1", last: null },
        "read again (claimed)": [],
        "save get once more (replied)": { original: "1", last: { tag: "WithExit", id: "6", exit: true } },
        "request id for key": "1",
        "save long key again": { original: "10", last: null }
      })
    }))
  it.scoped("a runner's own messages reach its storage loop from memory, once; other runners and moved shards read the table", () =>
    Effect.gen(function*() {
      const db = yield* Postgres.database("local")
      const pg = yield* Layer.build(Layer.orDie(PgClient.layer({ url: Redacted.make(db.url) })))
      const make = ClusterStorage.make().pipe(Effect.provide(Snowflake.layerGenerator), Effect.provide(pg))
      const [a, b] = [yield* make, yield* make]
      const read = (s: MessageStorage.MessageStorage["Type"], shards: ReadonlyArray<number>) =>
        Effect.map(s.unprocessedMessages(shards.map((n) => ShardId.make("default", n))), (ms) => ms.map((m) => String(m.envelope.requestId)))
      expect(yield* read(a, [1])).toEqual([]) // a owns shard 1
      yield* a.saveRequest(_onShard(21, 1)) // its own shard: stored claimed, kept in memory
      yield* a.saveRequest(_onShard(22, 2)) // another runner's shard: stored for that runner to read
      expect(yield* read(b, [1, 2])).toEqual(["22"])
      expect(yield* read(a, [1])).toEqual(["21"])
      expect(yield* read(a, [1])).toEqual([])
      yield* a.saveRequest(_onShard(23, 1)) // kept, but shard 1 moves before a reads it: unclaimed for the new owner
      expect(yield* read(a, [3])).toEqual([])
      expect(yield* read(b, [1])).toEqual(["23"])
      yield* a.resetShards([ShardId.make("default", 1)]) // a reset (shards acquired) always reads the table
      expect(yield* read(a, [1])).toEqual(["21", "23"])
    }))
})
