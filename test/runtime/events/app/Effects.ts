/**
 * The events tests' side effects: one `ev_effects` row per handled delivery (no unique constraint, so a
 * repeated side effect shows up as a second row), written in the transaction that acknowledges it.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import type { Events } from "../../../../runtime/events/Events.js"

/** Sales whose id is a multiple of this fail in the ledger every time: poison events. */
const poison = 97

const record = (subscription: string, delivery: Events.Delivery) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(Effect.zipRight(
      sql`INSERT INTO ev_effects (subscription, event_id, pod, attempt) VALUES (${subscription}, ${delivery.eventId}, ${
        process.env["POD_NAME"] ?? "?"
      }, ${delivery.attempt})`,
      delivery.acknowledge
    )))

/** The app's tables, created by the tests before the pods start. */
const tables = (sql: SqlClient.SqlClient) =>
  Effect.all([
    sql`CREATE TABLE IF NOT EXISTS ev_cured (id int PRIMARY KEY)`,
    sql`CREATE TABLE IF NOT EXISTS ev_sales (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    sql`CREATE TABLE IF NOT EXISTS ev_effects (subscription text NOT NULL, event_id text NOT NULL, pod text NOT NULL,
      attempt int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`
  ], { discard: true })

export const Effects = { poison, record, tables } as const
