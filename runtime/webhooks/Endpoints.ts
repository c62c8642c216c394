/**
 * Webhook endpoints in SQL (`ec_webhook_endpoints`): register, list, look up, disable. Dialect-neutral
 * (PostgreSQL, SQLite); internal to `Webhooks`, which owns when they are read and written.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Array from "effect/Array"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { randomBytes } from "node:crypto"
import { Migrations } from "../postgres/Migrations.js"
import { WebhookSignature } from "./Signature.js"

/** An endpoint without its secret: what listings show. */
const Info = Schema.Struct({
  id: Schema.String,
  webhook: Schema.String,
  url: Schema.String,
  enabled: Schema.Boolean,
  /** Why it was disabled (`410 Gone`, `disabled by an operator`), when it was. */
  disabledReason: Schema.NullOr(Schema.String),
  createdAt: Schema.Number
})

/** An endpoint with the secret its requests are signed with. */
const Endpoint = Schema.Struct({ ...Info.fields, secret: Schema.String })

interface _Row {
  readonly id: string
  readonly webhook: string
  readonly url: string
  readonly secret: string
  readonly enabled: number | boolean
  readonly disabled_reason: string | null
  readonly created_at: number | string
}

const _decode = (r: _Row): WebhookEndpoints.Endpoint => ({
  id: r.id,
  webhook: r.webhook,
  url: r.url,
  secret: r.secret,
  enabled: Number(r.enabled) === 1 || r.enabled === true,
  disabledReason: r.disabled_reason,
  createdAt: Number(r.created_at)
})

/** The endpoint without its secret. */
const info = ({ secret: _, ...rest }: WebhookEndpoints.Endpoint): WebhookEndpoints.Info => rest

const _lockId = 0x45435748

/** Create the table and its index if missing (PostgreSQL: under a transaction-scoped advisory lock). */
const init: Effect.Effect<void, SqlError.SqlError, SqlClient.SqlClient> = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Migrations.ddl(sql, _lockId, [
    `CREATE TABLE IF NOT EXISTS ec_webhook_endpoints (
      id TEXT PRIMARY KEY,
      webhook TEXT NOT NULL,
      url TEXT NOT NULL,
      secret TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      disabled_reason TEXT NULL,
      created_at BIGINT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ec_webhook_endpoints_webhook ON ec_webhook_endpoints (webhook, enabled)`
  ]))


/** Register `url` for `webhook`, with `secret` or a generated `whsec_…` one; enabled. */
const register = (options: {
  readonly webhook: string
  readonly url: string
  readonly secret?: string | undefined
}): Effect.Effect<WebhookEndpoints.Endpoint, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const endpoint: WebhookEndpoints.Endpoint = {
      id: `ep_${randomBytes(12).toString("hex")}`,
      webhook: options.webhook,
      url: options.url,
      secret: options.secret ?? WebhookSignature.generateSecret(),
      enabled: true,
      disabledReason: null,
      createdAt: yield* Clock.currentTimeMillis
    }
    yield* sql`INSERT INTO ec_webhook_endpoints (id, webhook, url, secret, enabled, disabled_reason, created_at)
      VALUES (${endpoint.id}, ${endpoint.webhook}, ${endpoint.url}, ${endpoint.secret}, 1, NULL, ${endpoint.createdAt})`
    return endpoint
  })

/** Every endpoint (of `webhook`, when given; only enabled ones with `enabledOnly`), oldest first. */
const list = (options: { readonly webhook?: string | undefined; readonly enabledOnly?: boolean } = {}) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql<_Row>`SELECT * FROM ec_webhook_endpoints WHERE ${
      sql.and([
        ...(options.webhook === undefined ? [] : [sql`webhook = ${options.webhook}`]),
        ...(options.enabledOnly ? [sql`enabled = 1`] : [])
      ])
    } ORDER BY created_at, id`).pipe(Effect.map(Array.map(_decode)))

/** One endpoint by id. */
const get = (id: string): Effect.Effect<Option.Option<WebhookEndpoints.Endpoint>, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql<_Row>`SELECT * FROM ec_webhook_endpoints WHERE id = ${id}`).pipe(
    Effect.map((rows) => Array.head(rows.map(_decode)))
  )

/** Disable an endpoint (no further attempts to it); keeps the first reason. Yields it as it is now. */
const disable = (id: string, reason: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql`UPDATE ec_webhook_endpoints SET enabled = 0, disabled_reason = ${reason} WHERE id = ${id} AND enabled = 1`).pipe(
      Effect.zipRight(get(id))
    )

export const WebhookEndpoints = { Info, Endpoint, info, init, register, list, get, disable } as const

export declare namespace WebhookEndpoints {
  type Info = typeof Info.Type
  type Endpoint = typeof Endpoint.Type
}
