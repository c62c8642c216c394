/**
 * @effect/cluster's message storage on PostgreSQL, with the library's own tables and migrations but a
 * cheaper hot path: a reply is one statement (not a 4-round-trip transaction), the storage loop's read is
 * a plain `UPDATE … RETURNING` (planned ~4× faster than the library's CTE), and a message a runner stores
 * for its own shards reaches its storage loop from memory, not by the shard scan (`ClusterStorageLocal`; a
 * lookup by id confirms it is still unhandled). Same semantics — test/runtime/cluster/storage/conformance-*
 * hold both storages to one contract — minus two library bugs: stream chunks read back as exits, and by-id
 * reads that drop a stream's last chunk.
 */
import { PersistenceError } from "@effect/cluster/ClusterError"
import type { EntityAddress } from "@effect/cluster/EntityAddress"
import * as MessageStorage from "@effect/cluster/MessageStorage"
import * as Snowflake from "@effect/cluster/Snowflake"
import * as SqlMessageStorage from "@effect/cluster/SqlMessageStorage"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { createHash } from "node:crypto"
import { ClusterStorageRows as Rows } from "./Rows.js"
import { ClusterStorageLayout } from "./Layout.js"
import { ClusterStorageLocal } from "./Local.js"
import { ClusterStorageSql } from "./Sql.js"

/** Storage calls never trace: the library's own SQL storage does the same (one span per poll is noise). */
const _quiet = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(PersistenceError.refail, Effect.withTracerEnabled(false))

/** The library keys messages by primary key, hashed when longer than the column (255). */
const _messageId = (primaryKey: string) =>
  primaryKey.length <= 255 ? primaryKey : createHash("sha256").update(primaryKey).digest("hex")

interface _Duplicate {
  readonly id: string
  readonly reply_id: string | null
  readonly reply_kind: 0 | null
  readonly reply_payload: string | null
  readonly reply_sequence: number | null
}

const _duplicate = (row: _Duplicate): MessageStorage.SaveResult.Encoded =>
  MessageStorage.SaveResultEncoded.Duplicate({
    originalId: Snowflake.Snowflake(row.id),
    lastReceivedReply: row.reply_id === null ? Option.none() : Option.some(Rows.toReply({
      id: row.reply_id,
      kind: row.reply_kind,
      request_id: row.id,
      payload: row.reply_payload ?? "null",
      sequence: row.reply_sequence
    }))
  })

const _columns = ClusterStorageSql.selected

/** The encoded storage over one `SqlClient`; `prefix` names the tables (`<prefix>_messages`, …). */
const _encoded = (
  sql: SqlClient.SqlClient,
  prefix: string,
  local: ClusterStorageLocal.Local,
  readFunction: boolean
): MessageStorage.Encoded => {
  const messages = sql(`${prefix}_messages`)
  const replies = sql(`${prefix}_replies`)
  const columns = sql.literal(_columns)
  const pending = sql.literal("(r.kind = 0 OR r.acked = FALSE)")
  const text = ClusterStorageSql.make(prefix, readFunction)

  /** Messages with the chunk their `last_reply_id` names (only streams have one), in arrival order. */
  const withReplies = (rows: ReadonlyArray<Rows.Selected>) => {
    const ids = rows.flatMap((r) => (r.kind === Rows.kind.Request && r.last_reply_id !== null ? [String(r.last_reply_id)] : []))
    const found = ids.length === 0
      ? Effect.succeed<ReadonlyArray<Rows.ReplySelected>>([])
      : sql<Rows.ReplySelected>`SELECT id, kind, request_id, payload, sequence FROM ${replies} WHERE id IN ${sql.in(ids)}`
    return Effect.map(found, (found) => {
      const byId = new Map(found.map((r) => [String(r.id), r]))
      return Rows.byRowid(rows).map((row) =>
        Rows.toMessage(row, Option.fromNullable(row.last_reply_id === null ? undefined : byId.get(String(row.last_reply_id))))
      )
    })
  }

  /** A duplicate `message_id`: the original's id and the last reply it got. */
  const duplicate = (messageId: string) =>
    sql<_Duplicate>`SELECT m.id, r.id AS reply_id, r.kind AS reply_kind, r.payload AS reply_payload,
      r.sequence AS reply_sequence FROM ${messages} m LEFT JOIN ${replies} r ON r.id = m.last_reply_id
      WHERE m.message_id = ${messageId}`.pipe(
      Effect.map((rows) => rows[0] === undefined ? MessageStorage.SaveResultEncoded.Success() : _duplicate(rows[0]))
    )

  /** Insert; `stamp` is its claim, null for a duplicate (then the result says what the original got). */
  const insert = (row: Rows.Message, claimed: boolean) => {
    const st = text.insert(row, claimed)
    type Saved = { readonly stamp: string | null; readonly result: MessageStorage.SaveResult.Encoded }
    return Effect.flatMap(sql.unsafe<{ id: string; stamp: string | null }>(st.text, st.params), ([inserted]): Effect.Effect<Saved, SqlError> =>
      inserted !== undefined || row.message_id === null
        ? Effect.succeed({ stamp: inserted?.stamp ?? null, result: MessageStorage.SaveResultEncoded.Success() })
        : Effect.map(duplicate(row.message_id), (result) => ({ stamp: null, result })))
  }

  /** An acknowledged chunk also marks its reply acked and earlier acks processed, atomically. */
  const ack = (requestId: string, replyId: string) =>
    sql`UPDATE ${replies} SET acked = TRUE WHERE id = ${replyId}`.pipe(
      Effect.zipRight(sql`UPDATE ${messages} SET processed = TRUE
        WHERE processed = FALSE AND request_id = ${requestId} AND kind = ${Rows.kind.AckChunk}`)
    )

  const address = (a: EntityAddress) =>
    sql`shard_id = ${a.shardId.toString()} AND entity_type = ${a.entityType} AND entity_id = ${a.entityId}`

  return {
    saveEnvelope: ({ deliverAt, envelope, primaryKey }) =>
      _quiet(Effect.suspend(() => {
        const row = Rows.fromEnvelope(envelope, primaryKey === null ? null : _messageId(primaryKey), deliverAt)
        const claimed = local.claims(row)
        const saved = envelope._tag === "AckChunk"
          ? sql.withTransaction(Effect.zipRight(ack(envelope.requestId, envelope.replyId), insert(row, claimed)))
          : insert(row, claimed)
        return saved.pipe(
          Effect.tap(({ stamp }) => (stamp !== null && claimed ? local.stored(row, stamp) : Effect.void)),
          Effect.map(({ result }) => result)
        )
      })),

    // One statement: the request's rows point at the reply (and are processed by an exit) as it is inserted.
    saveReply: (reply) =>
      _quiet(Effect.suspend(() => {
        const st = text.reply(Rows.fromReply(reply))
        return Effect.asVoid(sql.unsafe(st.text, st.params))
      })),

    clearReplies: (requestId) =>
      _quiet(sql.withTransaction(Effect.all([
        sql`DELETE FROM ${replies} WHERE request_id = ${String(requestId)} AND kind = 0`,
        sql`DELETE FROM ${messages} WHERE request_id = ${String(requestId)} AND kind = ${Rows.kind.Interrupt}`,
        sql`UPDATE ${messages} SET processed = FALSE, last_reply_id = NULL, last_read = NULL WHERE request_id = ${String(requestId)}`
      ], { discard: true })).pipe(Effect.ensuring(Effect.sync(local.mustRead)))),

    requestIdForPrimaryKey: (primaryKey) =>
      _quiet(sql<{ id: string }>`SELECT id FROM ${messages} WHERE message_id = ${_messageId(primaryKey)}`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), (r) => Snowflake.Snowflake(r.id)))
      )),

    repliesFor: (requestIds) =>
      _quiet(sql<Rows.ReplySelected>`SELECT id, kind, request_id, payload, sequence FROM ${replies}
        WHERE request_id IN ${sql.in(requestIds)} AND (kind = 0 OR (kind IS NULL AND acked = FALSE)) ORDER BY rowid ASC`.pipe(
        Effect.map((rows) => rows.map(Rows.toReply))
      )),

    repliesForUnfiltered: (requestIds) =>
      _quiet(sql<Rows.ReplySelected>`SELECT id, kind, request_id, payload, sequence FROM ${replies}
        WHERE request_id IN ${sql.in(requestIds)} ORDER BY rowid ASC`.pipe(Effect.map((rows) => rows.map(Rows.toReply)))),

    // The storage loop's read: what this runner stored for itself (if still unhandled), and the table
    // (claim what is due on these shards and has no final reply yet) when it must be read.
    unprocessedMessages: (shardIds, now) =>
      _quiet(local.read(
        shardIds,
        now,
        Effect.flatMap(sql.unsafe<Rows.Selected>(text.unprocessed.text, text.unprocessed.params(shardIds, now)), withReplies),
        (ids) => sql.unsafe(text.unclaim, [ids]),
        (claims) => sql.unsafe<{ id: string }>(text.live.text, text.live.params(claims))
      )),

    unprocessedMessagesById: (ids, now) =>
      _quiet(sql<Rows.Selected>`SELECT ${columns} FROM ${messages} m
        WHERE m.id IN ${sql.in(ids.map(String))} AND m.processed = FALSE
        AND (m.deliver_at IS NULL OR m.deliver_at <= ${now})
        AND NOT EXISTS (SELECT 1 FROM ${replies} r WHERE r.request_id = m.request_id AND ${pending})`.pipe(
        Effect.flatMap(withReplies)
      )),

    resetAddress: (a) =>
      _quiet(Effect.asVoid(sql`UPDATE ${messages} SET last_read = NULL WHERE processed = FALSE AND ${address(a)}`).pipe(
        Effect.ensuring(Effect.sync(local.mustRead))
      )),

    clearAddress: (a) =>
      _quiet(sql.withTransaction(Effect.asVoid(Effect.zipRight(
        sql`DELETE FROM ${replies} WHERE request_id IN
          (SELECT id FROM ${messages} WHERE entity_type = ${a.entityType} AND entity_id = ${a.entityId})`,
        sql`DELETE FROM ${messages} WHERE entity_type = ${a.entityType} AND entity_id = ${a.entityId}`
      )))),

    resetShards: (shardIds: Arr.NonEmptyArray<string>) =>
      _quiet(Effect.asVoid(sql`UPDATE ${messages} SET last_read = NULL WHERE processed = FALSE AND shard_id IN ${sql.in(shardIds)}`).pipe(
        Effect.ensuring(Effect.sync(local.mustRead))
      ))
  }
}

/**
 * The storage, after the library's own migrations (it builds `SqlMessageStorage` once to run them, so the
 * schema always matches the installed @effect/cluster) and its own additions (`ClusterStorageLayout`: a
 * partial index, autovacuum thresholds, and an ANALYZE of a young table, checked in the background while
 * the scope lasts).
 */
const make = (options: { readonly prefix?: string } = {}) =>
  Effect.gen(function*() {
    const prefix = options.prefix ?? "cluster"
    yield* SqlMessageStorage.make({ prefix })
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const readFunction = yield* ClusterStorageLayout.apply(sql, prefix)
    yield* Effect.forkScoped(ClusterStorageLayout.analyzeWhileYoung(sql, prefix))
    const local = ClusterStorageLocal.make()
    const storage = yield* MessageStorage.makeEncoded(_encoded(sql, prefix, local, readFunction))
    return MessageStorage.MessageStorage.of({
      ...storage,
      // A request another runner sent here (its sender stored it): the next read must look at the table.
      registerReplyHandler: (message) => (message._tag === "IncomingRequest" && local.mustRead(), storage.registerReplyHandler(message))
    })
  })

/** `MessageStorage` on the `SqlClient` (PostgreSQL), tables `cluster_messages` / `cluster_replies`. */
const layer: Layer.Layer<MessageStorage.MessageStorage, never, SqlClient.SqlClient> = Layer.scoped(
  MessageStorage.MessageStorage,
  make()
).pipe(Layer.provide(Snowflake.layerGenerator))

export const ClusterStorage = { make, layer } as const
