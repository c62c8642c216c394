/**
 * The realtime log's SQL: one row per stream (`ec_rt_stream`: a channel and a key, its epoch and last
 * sequence number) and one per message (`ec_rt_log`). Publishing bumps the stream row and inserts the
 * message in the caller's transaction: the row lock orders publishers of one stream, so sequence numbers
 * follow commit order with no holes, and a rollback takes its number back. On PostgreSQL the bump, the
 * insert and the wake-up (`pg_notify`, delivered on commit) are one statement; SQLite (one pod) has no
 * NOTIFY and its pod polls.
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import { randomBytes } from "node:crypto"
import { Migrations } from "../postgres/Migrations.js"

/** The NOTIFY channel every pod LISTENs on. Payload: `<channel id>\n<epoch>\n<seq>\n<key>`. */
const notifyChannel = "ec_realtime"

/** A stream's position: the epoch (changes only when the stream row is recreated) and its last number. */
interface Head {
  readonly epoch: string
  readonly last: number
  /** The oldest number still stored; `last + 1` when retention removed every message. */
  readonly min: number
}

/** One stored message: its number and its payload as encoded JSON. */
interface Row {
  readonly seq: number
  readonly payload: string
}

const _ddl = [
  `CREATE TABLE IF NOT EXISTS ec_rt_stream (channel TEXT NOT NULL, key TEXT NOT NULL, epoch TEXT NOT NULL,
    last_seq BIGINT NOT NULL, PRIMARY KEY (channel, key))`,
  `CREATE TABLE IF NOT EXISTS ec_rt_log (channel TEXT NOT NULL, key TEXT NOT NULL, seq BIGINT NOT NULL,
    payload TEXT NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (channel, key, seq))`,
  `CREATE INDEX IF NOT EXISTS ec_rt_log_created ON ec_rt_log (created_at)`
]

/** Create the tables if missing (pods starting together serialize on an advisory lock). */
const migrate = (sql: SqlClient.SqlClient): Effect.Effect<void, SqlError.SqlError> => Migrations.ddl(sql, 0x45435254, _ddl)

/** A new stream's epoch: random, so a cursor from a recreated stream (or another database) is detected. */
const _epoch = () => randomBytes(6).toString("base64url")

const _pg = (sql: SqlClient.SqlClient, channel: string, key: string, payload: string) =>
  sql`WITH s AS (
      INSERT INTO ec_rt_stream (channel, key, epoch, last_seq) VALUES (${channel}, ${key}, ${_epoch()}, 1)
      ON CONFLICT (channel, key) DO UPDATE SET last_seq = ec_rt_stream.last_seq + 1
      RETURNING epoch, last_seq),
    l AS (INSERT INTO ec_rt_log (channel, key, seq, payload) SELECT ${channel}, ${key}, last_seq, ${payload} FROM s)
    SELECT pg_notify(${notifyChannel}, ${channel} || chr(10) || epoch || chr(10) || last_seq || chr(10) || ${key}) FROM s`

const _portable = (sql: SqlClient.SqlClient, channel: string, key: string, payload: string) =>
  sql.withTransaction(Effect.gen(function*() {
    const rows = yield* sql<{ readonly last_seq: number | string }>`INSERT INTO ec_rt_stream (channel, key, epoch, last_seq)
      VALUES (${channel}, ${key}, ${_epoch()}, 1)
      ON CONFLICT (channel, key) DO UPDATE SET last_seq = ec_rt_stream.last_seq + 1 RETURNING last_seq`
    yield* sql`INSERT INTO ec_rt_log (channel, key, seq, payload) VALUES (${channel}, ${key}, ${Number(rows[0]?.last_seq)}, ${payload})`
  }))

/** Append one encoded message to stream (channel, key); it and its wake-up take effect when the caller commits. */
const append = (sql: SqlClient.SqlClient, channel: string, key: string, payload: string): Effect.Effect<void, SqlError.SqlError> =>
  sql.onDialectOrElse({ pg: () => Effect.asVoid(_pg(sql, channel, key, payload)), orElse: () => _portable(sql, channel, key, payload) })

/** Where stream (channel, key) stands; a stream never published to has no row: `none`. */
const head = (sql: SqlClient.SqlClient, channel: string, key: string): Effect.Effect<Head | undefined, SqlError.SqlError> =>
  sql<{ readonly epoch: string; readonly last_seq: number | string; readonly min_seq: number | string | null }>`
    SELECT s.epoch, s.last_seq, (SELECT MIN(l.seq) FROM ec_rt_log l WHERE l.channel = s.channel AND l.key = s.key) AS min_seq
    FROM ec_rt_stream s WHERE s.channel = ${channel} AND s.key = ${key}`.pipe(
    Effect.map((rows) =>
      rows[0] === undefined ? undefined : {
        epoch: rows[0].epoch,
        last: Number(rows[0].last_seq),
        min: rows[0].min_seq === null ? Number(rows[0].last_seq) + 1 : Number(rows[0].min_seq)
      }
    )
  )

/** The stored messages of (channel, key) after `after`, oldest first, at most `limit`. */
const read = (
  sql: SqlClient.SqlClient,
  channel: string,
  key: string,
  after: number,
  limit: number
): Effect.Effect<ReadonlyArray<Row>, SqlError.SqlError> =>
  sql<{ readonly seq: number | string; readonly payload: string }>`SELECT seq, payload FROM ec_rt_log
    WHERE channel = ${channel} AND key = ${key} AND seq > ${after} ORDER BY seq LIMIT ${limit}`.pipe(
    Effect.map((rows) => rows.map((r) => ({ seq: Number(r.seq), payload: r.payload })))
  )

/**
 * Retention: drop messages older than `maxAgeSeconds`, and all but the newest `maxCount` of each stream.
 * Stream rows stay (their epoch and numbering go on), so a cursor behind retention is reported as a gap.
 */
const prune = (sql: SqlClient.SqlClient, maxAgeSeconds: number, maxCount: number): Effect.Effect<void, SqlError.SqlError> =>
  Effect.zipRight(
    sql.onDialectOrElse({
      pg: () => sql`DELETE FROM ec_rt_log WHERE created_at < LOCALTIMESTAMP - make_interval(secs => ${maxAgeSeconds})`,
      orElse: () => sql`DELETE FROM ec_rt_log WHERE created_at < datetime('now', ${`-${maxAgeSeconds} seconds`})`
    }),
    sql`DELETE FROM ec_rt_log WHERE EXISTS (SELECT 1 FROM ec_rt_stream s
      WHERE s.channel = ec_rt_log.channel AND s.key = ec_rt_log.key AND ec_rt_log.seq <= s.last_seq - ${maxCount})`
  ).pipe(Effect.asVoid)

export const RealtimeLog = { notifyChannel, migrate, append, head, read, prune } as const

export declare namespace RealtimeLog {
  type StreamHead = Head
  type Message = Row
}
