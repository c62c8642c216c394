/**
 * What `ClusterStorage` adds to the library's tables, after its migrations (idempotent, run by every pod at
 * start): the storage loop's read as a PL/pgSQL function (its plan is kept, see `ClusterStorageSql`); a
 * partial index of the unprocessed messages by shard, so that read costs what is pending, not the table's
 * history (without it, a table autovacuum has not analyzed yet is read by a
 * sequential scan — 2,500 rows per read after a few seconds of load, 20,000 after a minute); and
 * per-table autovacuum thresholds of a fixed number of rows instead of a fraction of the table, so dead
 * row versions (two per message) and planner statistics are refreshed at every autovacuum round rather
 * than once the table has grown by a fifth.
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { ClusterStorageSql } from "./Sql.js"

/** Autovacuum and analyze after this many changed rows of a storage table, whatever its size. */
const _rows = 1000

const _autovacuum = [
  `autovacuum_vacuum_threshold = ${_rows}`,
  "autovacuum_vacuum_scale_factor = 0",
  `autovacuum_vacuum_insert_threshold = ${_rows}`,
  "autovacuum_vacuum_insert_scale_factor = 0",
  `autovacuum_analyze_threshold = ${_rows}`,
  "autovacuum_analyze_scale_factor = 0"
].join(", ")

/**
 * Apply the layout to tables `<prefix>_messages` / `<prefix>_replies` (PostgreSQL; the prefix is trusted
 * config). Two pods starting at once may race on a catalog row (the index, the function): a failed attempt
 * is retried.
 */
const apply = (sql: SqlClient.SqlClient, prefix: string) =>
  Effect.all([
    sql.unsafe(`CREATE INDEX IF NOT EXISTS "${prefix}_messages_unprocessed_idx" ON "${prefix}_messages" (shard_id)
      WHERE processed = FALSE`),
    sql.unsafe(ClusterStorageSql.make(prefix).unprocessedFunction),
    sql.unsafe(`ALTER TABLE "${prefix}_messages" SET (${_autovacuum})`),
    sql.unsafe(`ALTER TABLE "${prefix}_replies" SET (${_autovacuum})`)
  ], { discard: true }).pipe(
    Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 10 }),
    Effect.withTracerEnabled(false)
  )

interface _Young {
  readonly young: boolean
  readonly changed: string
}

/**
 * Until autovacuum first analyzes `<prefix>_messages` (its first round can be a minute or more after the
 * table fills), analyze it here once it holds `_rows` changes: a table the planner has no statistics for is
 * read by a sequential scan whatever its indexes. Checked every 5 s; ends once the table has statistics.
 */
const analyzeWhileYoung = (sql: SqlClient.SqlClient, prefix: string) =>
  sql.unsafe<_Young>(`SELECT (last_analyze IS NULL AND last_autoanalyze IS NULL) AS young,
      n_mod_since_analyze::text AS changed FROM pg_stat_user_tables WHERE relid = '"${prefix}_messages"'::regclass`).pipe(
    Effect.flatMap(([row]) =>
      row === undefined || !row.young
        ? Effect.succeed(false)
        : Number(row.changed) < _rows
        ? Effect.succeed(true)
        : Effect.as(sql.unsafe(`ANALYZE "${prefix}_messages"`), true)
    ),
    Effect.catchAll(() => Effect.succeed(true)),
    Effect.repeat({ schedule: Schedule.spaced("5 seconds"), while: (young) => young }),
    Effect.withTracerEnabled(false),
    Effect.asVoid
  )

export const ClusterStorageLayout = { apply, analyzeWhileYoung } as const
