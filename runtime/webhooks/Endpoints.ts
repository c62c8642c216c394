/**
 * Webhook endpoints in SQL (`ec_webhook_endpoints`): register, list, look up, disable, re-encrypt. Secrets
 * are stored sealed (Secrets.ts) and leave only once, from `register`. Dialect-neutral (PostgreSQL, SQLite).
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
import { WebhookSecrets } from "./Secrets.js"
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

/** An endpoint with the secret its requests are signed with: what `register` yields, once. */
const Endpoint = Schema.Struct({ ...Info.fields, secret: Schema.String })

/** An endpoint as stored: its secret sealed (or plaintext, in a row from before encryption). */
interface _Stored extends WebhookEndpoints.Info {
  readonly sealed: string
}

interface _Row {
  readonly id: string
  readonly webhook: string
  readonly url: string
  readonly secret: string
  readonly enabled: number | boolean
  readonly disabled_reason: string | null
  readonly created_at: number | string
}

const _decode = (r: _Row): _Stored => ({
  id: r.id,
  webhook: r.webhook,
  url: r.url,
  sealed: r.secret,
  enabled: Number(r.enabled) === 1 || r.enabled === true,
  disabledReason: r.disabled_reason,
  createdAt: Number(r.created_at)
})

/** The endpoint without its secret, sealed or not. */
const info = (e: WebhookEndpoints.Info): WebhookEndpoints.Info => ({
  id: e.id,
  webhook: e.webhook,
  url: e.url,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  createdAt: e.createdAt
})

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


/**
 * Register `url` for `webhook`, with `secret` or a generated `whsec_…` one; enabled. Yields the endpoint
 * with its secret: the only time it leaves (stored sealed under the current key).
 */
const register = (options: {
  readonly webhook: string
  readonly url: string
  readonly secret?: string | undefined
}): Effect.Effect<WebhookEndpoints.Endpoint, SqlError.SqlError, SqlClient.SqlClient | WebhookSecrets.Keys> =>
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
    const sealed = yield* WebhookSecrets.seal(endpoint.id, endpoint.secret)
    yield* sql`INSERT INTO ec_webhook_endpoints (id, webhook, url, secret, enabled, disabled_reason, created_at)
      VALUES (${endpoint.id}, ${endpoint.webhook}, ${endpoint.url}, ${sealed}, 1, NULL, ${endpoint.createdAt})`
    return endpoint
  })

/** Every endpoint (of `webhook`, when given; only enabled ones with `enabledOnly`), oldest first; no secrets. */
const list = (options: { readonly webhook?: string | undefined; readonly enabledOnly?: boolean } = {}): Effect.Effect<
  ReadonlyArray<WebhookEndpoints.Info>,
  SqlError.SqlError,
  SqlClient.SqlClient
> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql<_Row>`SELECT * FROM ec_webhook_endpoints WHERE ${
      sql.and([
        ...(options.webhook === undefined ? [] : [sql`webhook = ${options.webhook}`]),
        ...(options.enabledOnly ? [sql`enabled = 1`] : [])
      ])
    } ORDER BY created_at, id`).pipe(Effect.map(Array.map((r) => info(_decode(r)))))

/** One endpoint by id, its secret sealed (`WebhookSecrets.open` it to sign). */
const get = (id: string): Effect.Effect<Option.Option<WebhookEndpoints.Stored>, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql<_Row>`SELECT * FROM ec_webhook_endpoints WHERE id = ${id}`).pipe(
    Effect.map((rows) => Array.head(rows.map(_decode)))
  )

/** Disable an endpoint (no further attempts to it); keeps the first reason. Yields it as it is now. */
const disable = (id: string, reason: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql`UPDATE ec_webhook_endpoints SET enabled = 0, disabled_reason = ${reason} WHERE id = ${id} AND enabled = 1`).pipe(
      Effect.zipRight(get(id))
    )

/**
 * Seal every secret that is not sealed under the current key: plaintext rows from before encryption and
 * rows under a previous key. Each row is swapped only if unchanged (pods starting together are safe); a
 * row under a key the keyring lacks stops it with `WebhookSecretKeyError`. Yields how many it re-sealed.
 */
const reseal: Effect.Effect<number, SqlError.SqlError | WebhookSecrets.KeyError, SqlClient.SqlClient | WebhookSecrets.Keys> =
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const { current } = yield* WebhookSecrets.Keys
    const stale = yield* sql<{ readonly id: string; readonly secret: string }>`SELECT id, secret FROM ec_webhook_endpoints
      WHERE secret NOT LIKE ${WebhookSecrets.pattern(current.id)} ORDER BY id`
    const swapped = yield* Effect.forEach(stale, (row) =>
      WebhookSecrets.open(row.id, row.secret).pipe(
        Effect.flatMap((secret) => WebhookSecrets.seal(row.id, secret)),
        Effect.flatMap((sealed) =>
          sql<{ readonly id: string }>`UPDATE ec_webhook_endpoints SET secret = ${sealed}
            WHERE id = ${row.id} AND secret = ${row.secret} RETURNING id`)
      ))
    return swapped.filter((rows) => rows.length > 0).length
  })

export const WebhookEndpoints = { Info, Endpoint, info, init, register, list, get, disable, reseal } as const

export declare namespace WebhookEndpoints {
  type Info = typeof Info.Type
  type Endpoint = typeof Endpoint.Type
  type Stored = _Stored
}
