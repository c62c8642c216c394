/**
 * What happened to webhook messages, in SQL: per (message, endpoint) delivery status
 * (`ec_webhook_deliveries`) and the dead letters (`ec_webhook_dead_letters`) replay reads. Dialect-neutral;
 * an older generation (a superseded attempt cycle) never overwrites a newer one.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Array from "effect/Array"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { createHash } from "node:crypto"
import { Migrations } from "../postgres/Migrations.js"
import { WebhookPolicy } from "./Policy.js"

/** Where a (message, endpoint) stands: retrying, done, or given up on. */
const Status = Schema.Literal("delivering", "delivered", "gone", "disabled", "dead")

const Delivery = Schema.Struct({
  messageId: Schema.String,
  endpointId: Schema.String,
  webhook: Schema.String,
  /** 0 for the first attempt cycle, n after n replays. */
  generation: Schema.Number,
  status: Status,
  attempts: Schema.Number,
  lastError: Schema.NullOr(Schema.String),
  updatedAt: Schema.Number
})

/** A message an endpoint never accepted: `replaying` once replayed, `delivered` when a replay got through. */
const DeadLetter = Schema.Struct({
  id: Schema.String,
  messageId: Schema.String,
  endpointId: Schema.String,
  webhook: Schema.String,
  /** The JSON body that was sent. */
  body: Schema.String,
  policy: WebhookPolicy.Resolved,
  generation: Schema.Number,
  status: Schema.Literal("dead", "replaying", "delivered"),
  attempts: Schema.Number,
  lastError: Schema.String,
  deadAt: Schema.Number
})

const _lockId = 0x45435749

/** Create both tables if missing (PostgreSQL: under a transaction-scoped advisory lock). */
const init: Effect.Effect<void, SqlError.SqlError, SqlClient.SqlClient> = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Migrations.ddl(sql, _lockId, [
    `CREATE TABLE IF NOT EXISTS ec_webhook_deliveries (
      message_id TEXT NOT NULL, endpoint_id TEXT NOT NULL, webhook TEXT NOT NULL, generation INTEGER NOT NULL,
      status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT NULL, updated_at BIGINT NOT NULL,
      PRIMARY KEY (message_id, endpoint_id)
    )`,
    `CREATE TABLE IF NOT EXISTS ec_webhook_dead_letters (
      id TEXT PRIMARY KEY, message_id TEXT NOT NULL, endpoint_id TEXT NOT NULL, webhook TEXT NOT NULL,
      body TEXT NOT NULL, policy TEXT NOT NULL, generation INTEGER NOT NULL, status TEXT NOT NULL,
      attempts INTEGER NOT NULL, last_error TEXT NOT NULL, dead_at BIGINT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ec_webhook_dead_letters_status ON ec_webhook_dead_letters (status, dead_at)`
  ]))

/** The dead letter of a (message, endpoint): one per pair, whatever the generation. */
const deadLetterId = (messageId: string, endpointId: string) =>
  `dl_${createHash("sha256").update(`${messageId}\u0000${endpointId}`).digest("hex").slice(0, 32)}`

/**
 * Record where a (message, endpoint) stands, unless a newer generation already did — or, with `fresh`
 * (a cycle starting), unless this generation already did: sending a message again never resets its status.
 */
const record = (d: Omit<WebhookRecords.Delivery, "updatedAt">, fresh = false) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const now = yield* Clock.currentTimeMillis
    yield* sql`INSERT INTO ec_webhook_deliveries (message_id, endpoint_id, webhook, generation, status, attempts, last_error, updated_at)
      VALUES (${d.messageId}, ${d.endpointId}, ${d.webhook}, ${d.generation}, ${d.status}, ${d.attempts}, ${d.lastError}, ${now})
      ON CONFLICT (message_id, endpoint_id) DO UPDATE SET generation = excluded.generation, status = excluded.status,
        attempts = excluded.attempts, last_error = excluded.last_error, updated_at = excluded.updated_at
      WHERE ${fresh ? sql`ec_webhook_deliveries.generation < excluded.generation` : sql`ec_webhook_deliveries.generation <= excluded.generation`}`
  })

interface _DeliveryRow {
  readonly message_id: string
  readonly endpoint_id: string
  readonly webhook: string
  readonly generation: number
  readonly status: WebhookRecords.Status
  readonly attempts: number
  readonly last_error: string | null
  readonly updated_at: number | string
}

/** Every endpoint's delivery status for a message. */
const deliveries = (messageId: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql<_DeliveryRow>`SELECT * FROM ec_webhook_deliveries WHERE message_id = ${messageId} ORDER BY endpoint_id`).pipe(
      Effect.map(Array.map((r): WebhookRecords.Delivery => ({
        messageId: r.message_id,
        endpointId: r.endpoint_id,
        webhook: r.webhook,
        generation: Number(r.generation),
        status: r.status,
        attempts: Number(r.attempts),
        lastError: r.last_error,
        updatedAt: Number(r.updated_at)
      })))
    )

/** Dead-letter a (message, endpoint) for this generation; replaces an older generation's letter. */
const bury = (d: Omit<WebhookRecords.DeadLetter, "id" | "status" | "deadAt">) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const now = yield* Clock.currentTimeMillis
    yield* sql`INSERT INTO ec_webhook_dead_letters
        (id, message_id, endpoint_id, webhook, body, policy, generation, status, attempts, last_error, dead_at)
      VALUES (${deadLetterId(d.messageId, d.endpointId)}, ${d.messageId}, ${d.endpointId}, ${d.webhook}, ${d.body},
        ${JSON.stringify(d.policy)}, ${d.generation}, 'dead', ${d.attempts}, ${d.lastError}, ${now})
      ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, status = 'dead', attempts = excluded.attempts,
        last_error = excluded.last_error, dead_at = excluded.dead_at
      WHERE ec_webhook_dead_letters.generation <= excluded.generation`
  })

/** A replay of generation ≤ `generation` got through: its letter is `delivered`. */
const revived = (messageId: string, endpointId: string, generation: number) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql`UPDATE ec_webhook_dead_letters SET status = 'delivered'
      WHERE id = ${deadLetterId(messageId, endpointId)} AND generation <= ${generation}`)

interface _LetterRow {
  readonly id: string
  readonly message_id: string
  readonly endpoint_id: string
  readonly webhook: string
  readonly body: string
  readonly policy: string
  readonly generation: number
  readonly status: WebhookRecords.DeadLetter["status"]
  readonly attempts: number
  readonly last_error: string
  readonly dead_at: number | string
}

const _decodePolicy = Schema.decodeSync(Schema.parseJson(WebhookPolicy.Resolved))

const _letter = (r: _LetterRow): WebhookRecords.DeadLetter => ({
  id: r.id,
  messageId: r.message_id,
  endpointId: r.endpoint_id,
  webhook: r.webhook,
  body: r.body,
  policy: _decodePolicy(r.policy),
  generation: Number(r.generation),
  status: r.status,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  deadAt: Number(r.dead_at)
})

/** Dead letters, newest first: `status` defaults to `dead` (still undelivered); `webhook` narrows. */
const deadLetters = (options: { readonly webhook?: string | undefined; readonly status?: WebhookRecords.DeadLetter["status"] | undefined } = {}) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql<_LetterRow>`SELECT * FROM ec_webhook_dead_letters WHERE ${
      sql.and([
        sql`status = ${options.status ?? "dead"}`,
        ...(options.webhook === undefined ? [] : [sql`webhook = ${options.webhook}`])
      ])
    } ORDER BY dead_at DESC, id`).pipe(Effect.map(Array.map(_letter)))

/** One dead letter by id, whatever its status. */
const deadLetter = (id: string): Effect.Effect<Option.Option<WebhookRecords.DeadLetter>, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql<_LetterRow>`SELECT * FROM ec_webhook_dead_letters WHERE id = ${id}`).pipe(
    Effect.map((rows) => Array.head(rows.map(_letter)))
  )

/** Claim a `dead` letter of `generation` for a replay as `generation + 1`; false when someone else did. */
const claim = (id: string, generation: number) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql<{ readonly id: string }>`UPDATE ec_webhook_dead_letters SET status = 'replaying', generation = ${generation + 1}
      WHERE id = ${id} AND generation = ${generation} AND status = 'dead' RETURNING id`).pipe(
      Effect.map((rows) => rows.length > 0)
    )

export const WebhookRecords = {
  Status, Delivery, DeadLetter, init, deadLetterId, record, deliveries, bury, revived, deadLetters, deadLetter, claim
} as const

export declare namespace WebhookRecords {
  type Status = typeof Status.Type
  type Delivery = typeof Delivery.Type
  type DeadLetter = typeof DeadLetter.Type
}
