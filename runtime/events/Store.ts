/**
 * The events runtime's SQL: the outbox (written in the publisher's transaction), the durable list of
 * subscriptions, dead letters, and the acknowledgement of a delivery inside its handler's transaction.
 * PostgreSQL first; SQLite works for one pod (no LISTEN/NOTIFY there: the relay sweeps instead).
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import { Migrations } from "../postgres/Migrations.js"

/** The channel a commit notifies: the relay LISTENs on it. (The payload must not be empty: @effect/sql-pg drops those.) */
const channel = "ec_events"

/** One outbox row: an encoded event waiting to be relayed. */
interface OutboxRow {
  readonly id: string
  readonly event_id: string
  readonly contract: string
  readonly tag: string
  readonly event: string
  /** Set on a replayed dead letter: deliver to this subscription only, under a fresh primary key. */
  readonly subscription: string | null
  readonly replay: string | null
  /** The publishing span (`Trace`), which the relay's span continues: null with tracing off. */
  readonly trace_id: string | null
  readonly span_id: string | null
}

/** A subscription as stored: which contract's events, and which tags. */
interface SubscriptionRow {
  readonly name: string
  readonly contract: string
  readonly tag: string
}

const _ddl = (sql: SqlClient.SqlClient) => {
  const serial = sql.onDialectOrElse({ pg: () => "BIGSERIAL PRIMARY KEY", orElse: () => "INTEGER PRIMARY KEY AUTOINCREMENT" })
  const now = "CURRENT_TIMESTAMP"
  return [
    `CREATE TABLE IF NOT EXISTS ec_event_outbox (id ${serial}, event_id TEXT NOT NULL, contract TEXT NOT NULL,
      tag TEXT NOT NULL, event TEXT NOT NULL, subscription TEXT, replay TEXT, created_at TIMESTAMP NOT NULL DEFAULT ${now},
      trace_id TEXT, span_id TEXT)`,
    `CREATE TABLE IF NOT EXISTS ec_event_subscriptions (name TEXT NOT NULL, contract TEXT NOT NULL, tag TEXT NOT NULL,
      registered_at TIMESTAMP NOT NULL DEFAULT ${now}, PRIMARY KEY (name, contract, tag))`,
    `CREATE TABLE IF NOT EXISTS ec_event_dead_letters (id ${serial}, subscription TEXT NOT NULL, event_id TEXT NOT NULL,
      event TEXT NOT NULL, error TEXT NOT NULL, failed_at TIMESTAMP NOT NULL DEFAULT ${now})`
  ]
}

/** Columns added since the first release, for outboxes created before them. */
const _added = ["trace_id", "span_id"]

const _columns = (sql: SqlClient.SqlClient) =>
  sql.onDialectOrElse({
    pg: () => sql<{ readonly name: string }>`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'ec_event_outbox'`,
    orElse: () => sql<{ readonly name: string }>`SELECT name FROM pragma_table_info('ec_event_outbox')`
  })

/**
 * Create the tables if missing (pods starting together serialize on an advisory lock), then add newer
 * columns to an older outbox — only when missing: an `ALTER TABLE` would queue behind open publishing
 * transactions, and every publish behind it.
 */
const migrate = (sql: SqlClient.SqlClient): Effect.Effect<void, SqlError.SqlError> =>
  Effect.gen(function*() {
    yield* Migrations.ddl(sql, 0x45434576, _ddl(sql))
    const present = new Set((yield* _columns(sql)).map((r) => r.name))
    const missing = _added.filter((column) => !present.has(column))
    const ifMissing = sql.onDialectOrElse({ pg: () => "IF NOT EXISTS ", orElse: () => "" })
    yield* missing.length === 0
      ? Effect.void
      : Migrations.ddl(sql, 0x45434576, missing.map((column) => `ALTER TABLE ec_event_outbox ADD COLUMN ${ifMissing}${column} TEXT`))
  })

/** Append encoded events to the outbox and notify the relay: both take effect only when the caller commits. */
const append = (
  sql: SqlClient.SqlClient,
  rows: ReadonlyArray<{
    readonly event_id: string
    readonly contract: string
    readonly tag: string
    readonly event: string
    readonly trace_id: string | null
    readonly span_id: string | null
  }>
): Effect.Effect<void, SqlError.SqlError> =>
  Effect.gen(function*() {
    yield* sql`INSERT INTO ec_event_outbox ${sql.insert(rows.map((r) => ({ ...r })))}`
    yield* sql.onDialectOrElse({ pg: () => Effect.asVoid(sql`SELECT pg_notify(${channel}, 'commit')`), orElse: () => Effect.void })
  })

/** The oldest committed outbox rows. Ids are assigned before commit, so this reads by state, never by cursor. */
const pending = (sql: SqlClient.SqlClient, limit: number) =>
  sql<OutboxRow>`SELECT id, event_id, contract, tag, event, subscription, replay, trace_id, span_id
    FROM ec_event_outbox ORDER BY id LIMIT ${limit}`.pipe(
    Effect.map((rows) => rows.map((r) => ({ ...r, id: String(r.id) })))
  )

/** Relayed rows leave the outbox: their deliveries now live in the cluster's message storage. */
const remove = (sql: SqlClient.SqlClient, ids: ReadonlyArray<string>) =>
  ids.length === 0 ? Effect.void : Effect.asVoid(sql`DELETE FROM ec_event_outbox WHERE id IN ${sql.in(ids)}`)

const register = (sql: SqlClient.SqlClient, rows: ReadonlyArray<SubscriptionRow>) =>
  rows.length === 0
    ? Effect.void
    : Effect.asVoid(sql`INSERT INTO ec_event_subscriptions ${sql.insert(rows.map((r) => ({ ...r })))} ON CONFLICT DO NOTHING`)

const subscriptions = (sql: SqlClient.SqlClient) => sql<SubscriptionRow>`SELECT name, contract, tag FROM ec_event_subscriptions`

const deadLetter = (
  sql: SqlClient.SqlClient,
  row: { readonly subscription: string; readonly event_id: string; readonly event: string; readonly error: string }
) => Effect.asVoid(sql`INSERT INTO ec_event_dead_letters ${sql.insert({ ...row })}`)

interface DeadLetterRow {
  readonly id: string
  readonly subscription: string
  readonly event_id: string
  readonly event: string
  readonly error: string
}

const deadLetters = (sql: SqlClient.SqlClient) =>
  sql<DeadLetterRow>`SELECT id, subscription, event_id, event, error FROM ec_event_dead_letters ORDER BY id`.pipe(
    Effect.map((rows) => rows.map((r) => ({ ...r, id: String(r.id) })))
  )

/**
 * Deliver a dead letter again, to its subscription only, as a new delivery (`replay` makes its primary key
 * fresh, so the processed original is no Duplicate). The dead letter leaves the list; false if none.
 */
const replay = (sql: SqlClient.SqlClient, id: string) =>
  sql.withTransaction(Effect.gen(function*() {
    const rows = yield* sql<DeadLetterRow>`DELETE FROM ec_event_dead_letters WHERE id = ${id} RETURNING id, subscription, event_id, event, error`
    const row = rows[0]
    yield* row === undefined ? Effect.void : Effect.asVoid(sql`INSERT INTO ec_event_outbox ${
      sql.insert({ event_id: row.event_id, contract: "", tag: "", event: row.event, subscription: row.subscription, replay: `dl${id}` })
    }`)
    yield* row === undefined
      ? Effect.void
      : sql.onDialectOrElse({ pg: () => Effect.asVoid(sql`SELECT pg_notify(${channel}, 'replay')`), orElse: () => Effect.void })
    return row !== undefined
  }))

/** Whether the cluster keeps its messages in this database (not in memory): only then is there a row to ack. */
const hasMessageTable = (sql: SqlClient.SqlClient) =>
  sql`SELECT 1 FROM cluster_messages WHERE 1 = 0`.pipe(Effect.as(true), Effect.orElseSucceed(() => false))

/**
 * Mark the delivery's message processed inside the handler's transaction: the handler's writes and the
 * acknowledgement commit together, so a pod killed after the commit never gets the message redelivered.
 */
const acknowledge = (sql: SqlClient.SqlClient, requestId: string) =>
  Effect.asVoid(sql`UPDATE cluster_messages SET processed = TRUE WHERE id = ${requestId}`)

export const EventsStore = {
  channel,
  migrate,
  append,
  pending,
  remove,
  register,
  subscriptions,
  deadLetter,
  deadLetters,
  replay,
  hasMessageTable,
  acknowledge
} as const

export declare namespace EventsStore {
  type Outbox = OutboxRow
  type Subscription = SubscriptionRow
  type DeadLetter = DeadLetterRow
}
