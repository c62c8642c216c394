/**
 * `ClusterStorage`'s hot-path statements as fixed PostgreSQL text, built once per table prefix: no
 * statement compiler per message, and the storage loop's shard filter is one array parameter (`= ANY($1)`)
 * instead of one placeholder per shard. Text and parameters only: running them is `ClusterStorage`'s job.
 */
import type { ClusterStorageRows as Rows } from "./Rows.js"

const _messageColumns = [
  "id", "message_id", "shard_id", "entity_type", "entity_id", "kind", "tag", "payload", "headers",
  "trace_id", "span_id", "sampled", "request_id", "reply_id", "deliver_at"
] as const satisfies ReadonlyArray<keyof Rows.Message>

const _placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(", ")

/** The returned columns of a stored message (`Rows.Selected`). */
const selected = "m.id, m.rowid, m.shard_id, m.entity_type, m.entity_id, m.kind, m.tag, m.payload, m.headers, " +
  "m.trace_id, m.span_id, m.sampled, m.request_id, m.reply_id, m.last_reply_id"

/** A message has no pending reply: no exit, and no chunk the sender has not acknowledged yet. */
const _noPendingReply = (replies: string) =>
  `NOT EXISTS (SELECT 1 FROM ${replies} r WHERE r.request_id = m.request_id AND (r.kind = 0 OR r.acked = FALSE))`

/**
 * The statements for tables `<prefix>_messages` / `<prefix>_replies` (the prefix is trusted config); the
 * storage loop's read calls `unprocessedFunction` when `readFunction` says it exists, else is sent as text.
 */
const make = (prefix: string, readFunction = true) => {
  const messages = `"${prefix}_messages"`
  const replies = `"${prefix}_replies"`
  const values = _placeholders(_messageColumns.length)
  const insert = `INSERT INTO ${messages} (${_messageColumns.join(", ")}) VALUES (${values})`
  const unprocessedName = `"${prefix}_ec_unprocessed_v1"`
  const unprocessed = (shards: string, due: string) =>
    `UPDATE ${messages} m SET last_read = NOW()
        WHERE m.shard_id = ANY(${shards}) AND m.processed = FALSE
        AND (m.last_read IS NULL OR m.last_read < NOW() - INTERVAL '10 minutes')
        AND (m.deliver_at IS NULL OR m.deliver_at <= ${due})
        AND ${_noPendingReply(replies)}`
  const insertClaimed = `INSERT INTO ${messages} (${_messageColumns.join(", ")}, last_read) VALUES (${values}, NOW())`
  return {
    /**
     * Insert a message, `claimed` (read by this runner now) or not; it returns its id and claim (`last_read`
     * as exact text, the stamp `live` compares), or no row when its `message_id` is a duplicate.
     */
    insert: (row: Rows.Message, claimed: boolean) => ({
      text: (claimed ? insertClaimed : insert) +
        (row.message_id === null ? "" : " ON CONFLICT (message_id) DO NOTHING") + " RETURNING id, last_read::text AS stamp",
      params: _messageColumns.map((c) => row[c])
    }),
    /**
     * Which claimed messages (ids, with the stamps they were inserted with) are still this runner's to
     * handle: not deleted, not processed, no pending reply, and claimed by no one since (no reset, no read).
     */
    live: {
      text: `SELECT m.id FROM ${messages} m JOIN unnest($1::bigint[], $2::timestamp[]) AS k(id, stamp)
        ON m.id = k.id AND m.last_read = k.stamp WHERE m.processed = FALSE AND ${_noPendingReply(replies)}`,
      params: (claims: ReadonlyArray<{ readonly id: string; readonly stamp: string }>) =>
        [claims.map((c) => c.id), claims.map((c) => c.stamp)]
    },
    /** Give claimed messages back to the storage loops (their shard moved before this runner read them). */
    unclaim: `UPDATE ${messages} SET last_read = NULL WHERE id = ANY($1) AND processed = FALSE`,
    /** Insert a reply and point its request's rows at it (an exit also marks them processed): one statement. */
    reply: (row: Rows.Reply) => ({
      text: `WITH marked AS (${
        row.kind === null
          ? `UPDATE ${messages} SET last_reply_id = $1 WHERE id = $3`
          : `UPDATE ${messages} SET processed = TRUE, last_reply_id = $1 WHERE request_id = $3`
      }) INSERT INTO ${replies} (id, kind, request_id, payload, sequence) VALUES ($1, $2, $3, $4, $5)`,
      params: [row.id, row.kind, row.request_id, row.payload, row.sequence]
    }),
    /** The read function's quoted name. */
    unprocessedName,
    /** The storage loop's read: claim (`last_read`) what is due on these shards and has no final reply yet. */
    unprocessed: {
      text: readFunction
        ? `SELECT ${selected} FROM ${unprocessedName}($1, $2) m`
        : `${unprocessed("$1", "$2")} RETURNING ${selected}`,
      params: (shardIds: ReadonlyArray<string>, now: number) => [shardIds, now]
    },
    /**
     * The read as a PL/pgSQL function, created by `ClusterStorageLayout`: PL/pgSQL keeps its statement's plan
     * per session, where the same text sent each time is planned each time — and planning the 150-shard
     * `ANY` costs 3× running it (pgbench on this read: 0.79 ms a call as text, 0.24 ms as this function;
     * in `test/bench/_clusterAb.ts`, PostgreSQL CPU per message 1.24 → 1.01 ms). The other hot statements
     * gain little or lose as functions (pgbench: the reply +10 %, the `live` lookup −5 %), so stay text.
     */
    unprocessedFunction: `CREATE OR REPLACE FUNCTION ${unprocessedName}(shards text[], due bigint)
      RETURNS SETOF ${messages} LANGUAGE plpgsql AS $fn$
      BEGIN
        RETURN QUERY ${unprocessed("shards", "due")} RETURNING m.*;
      END
      $fn$`
  } as const
}

export const ClusterStorageSql = { make, selected } as const
