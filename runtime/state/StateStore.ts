/**
 * The SQL of durable entity state: one row per entity address (`entity_type`, `entity_id`) holding the encoded
 * state and a version that every write checks and bumps. PostgreSQL and SQLite alike; never opens a transaction
 * itself — `save` joins the caller's.
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import { Migrations } from "../postgres/Migrations.js"

/** The advisory lock pods take while creating the table (unique among the runtime's lock ids). */
const _lockId = 0x45435354

const _ddl = [
  `CREATE TABLE IF NOT EXISTS ec_entity_state (entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, state TEXT NOT NULL,
    version BIGINT NOT NULL, updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (entity_type, entity_id))`
]

/** Create the table if missing (pods starting together serialize on an advisory lock). */
const migrate = (sql: SqlClient.SqlClient): Effect.Effect<void, SqlError.SqlError> => Migrations.ddl(sql, _lockId, _ddl)

/** A stored state as read: its encoded JSON and its version (0 when nothing is stored). */
interface Row {
  readonly state: string | undefined
  readonly version: number
}

/** The stored state of one entity, or version 0 and no state. */
const load = (sql: SqlClient.SqlClient, entityType: string, entityId: string): Effect.Effect<Row, SqlError.SqlError> =>
  sql<{ readonly state: string; readonly version: number | string }>`SELECT state, version FROM ec_entity_state
    WHERE entity_type = ${entityType} AND entity_id = ${entityId}`.pipe(
    Effect.map(([row]) => row === undefined ? { state: undefined, version: 0 } : { state: row.state, version: Number(row.version) })
  )

/**
 * Someone else wrote this entity's state since it was loaded: another pod ran the same entity, or a commit
 * whose outcome this pod never heard of went through. The write is refused and the transaction rolls back.
 */
class Conflict extends Data.TaggedError("EntityStateConflict")<{
  readonly entityType: string
  readonly entityId: string
  readonly expected: number
}> {
  override get message() {
    return `the state of ${this.entityType}/${this.entityId} is no longer at version ${this.expected}: it is reloaded and the message runs again`
  }
}

/**
 * Write `state` as version `expected + 1`, in the caller's transaction, only if the stored version is still
 * `expected` (0: no row yet). One statement on both dialects: an upsert whose update is guarded by the version.
 */
const save = (
  sql: SqlClient.SqlClient,
  address: { readonly entityType: string; readonly entityId: string },
  expected: number,
  state: string
): Effect.Effect<void, SqlError.SqlError | Conflict> =>
  sql<{ readonly version: number | string }>`INSERT INTO ec_entity_state (entity_type, entity_id, state, version)
    VALUES (${address.entityType}, ${address.entityId}, ${state}, 1)
    ON CONFLICT (entity_type, entity_id) DO UPDATE SET state = excluded.state, version = ec_entity_state.version + 1,
      updated_at = CURRENT_TIMESTAMP
    WHERE ec_entity_state.version = ${expected}
    RETURNING version`.pipe(
    Effect.flatMap((rows) =>
      rows.length === 1 && Number(rows[0]!.version) === expected + 1
        ? Effect.void
        : Effect.fail(new Conflict({ ...address, expected }))
    )
  )

export const StateStore = { migrate, load, save, Conflict } as const

export declare namespace StateStore {
  type Loaded = Row
  type Conflict = InstanceType<typeof Conflict>
}
