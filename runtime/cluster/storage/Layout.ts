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
import type { SqlError } from "@effect/sql/SqlError"
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

/** PostgreSQL's code and message of a failed statement. */
const _reason = (error: SqlError) => {
  const cause = error.cause as { readonly code?: unknown; readonly message?: unknown } | null | undefined
  return { code: String(cause?.code ?? ""), message: String(cause?.message ?? error.message) }
}

/** `insufficient_privilege`: retrying cannot help (typically a role that does not own the tables). */
const _denied = "42501"

/**
 * One statement of the layout, retried (two pods starting at once may race on a catalog row) unless it was
 * refused; if it still fails, a warning, and the storage goes on without it.
 */
const _step = (sql: SqlClient.SqlClient, what: string, statement: string) =>
  sql.unsafe(statement).pipe(
    Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 10, while: (e) => _reason(e).code !== _denied }),
    Effect.as(true),
    Effect.catchAll((error) =>
      Effect.as(
        Effect.logWarning(`cluster storage: could not add ${what}, so it runs without (slower): ${_reason(error).message}`),
        false
      )
    )
  )

/**
 * Apply the layout to tables `<prefix>_messages` / `<prefix>_replies` (PostgreSQL; the prefix is trusted
 * config). Each step may fail alone — typically a role that does not own the tables — with a warning, and
 * the storage goes on without it; yields whether the read function can be called (else the read is sent
 * as text).
 */
const apply = (sql: SqlClient.SqlClient, prefix: string) => {
  const text = ClusterStorageSql.make(prefix)
  return Effect.all([
    _step(sql, "the read function", text.unprocessedFunction),
    _step(sql, "the unprocessed-messages index", `CREATE INDEX IF NOT EXISTS "${prefix}_messages_unprocessed_idx"
      ON "${prefix}_messages" (shard_id) WHERE processed = FALSE`),
    _step(sql, "the messages' autovacuum thresholds", `ALTER TABLE "${prefix}_messages" SET (${_autovacuum})`),
    _step(sql, "the replies' autovacuum thresholds", `ALTER TABLE "${prefix}_replies" SET (${_autovacuum})`)
  ]).pipe(
    // A role that may not replace the function may still call it, if the tables' owner created it.
    Effect.flatMap(([created]) =>
      created ? Effect.succeed(true) : sql.unsafe<{ readonly ok: boolean }>(
        `SELECT to_regprocedure($1) IS NOT NULL AS ok`,
        [`${text.unprocessedName}(text[], bigint)`]
      ).pipe(Effect.map(([row]) => row?.ok === true), Effect.orElseSucceed(() => false))
    ),
    Effect.withTracerEnabled(false)
  )
}

interface _Young {
  readonly young: boolean
  readonly changed: string
}

/**
 * Until autovacuum first analyzes `<prefix>_messages` (its first round can be a minute or more after the
 * table fills), analyze it here once it holds `_rows` changes: a table the planner has no statistics for is
 * read by a sequential scan whatever its indexes. Checked every 5 s; ends once the table has statistics or
 * this pod has analyzed it once (a role that does not own the table gets a warning from PostgreSQL, not an
 * error: asking again would only repeat it until autovacuum's own round).
 */
const analyzeWhileYoung = (sql: SqlClient.SqlClient, prefix: string) =>
  sql.unsafe<_Young>(`SELECT (last_analyze IS NULL AND last_autoanalyze IS NULL) AS young,
      n_mod_since_analyze::text AS changed FROM pg_stat_user_tables WHERE relid = '"${prefix}_messages"'::regclass`).pipe(
    Effect.flatMap(([row]) =>
      row === undefined || !row.young
        ? Effect.succeed(false)
        : Number(row.changed) < _rows
        ? Effect.succeed(true)
        : Effect.as(sql.unsafe(`ANALYZE "${prefix}_messages"`), false)
    ),
    Effect.catchAll(() => Effect.succeed(true)),
    Effect.repeat({ schedule: Schedule.spaced("5 seconds"), while: (young) => young }),
    Effect.withTracerEnabled(false),
    Effect.asVoid
  )

export const ClusterStorageLayout = { apply, analyzeWhileYoung } as const
