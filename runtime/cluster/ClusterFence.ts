/**
 * Fenced writes (Temporal's shard range id): every shard has an epoch in `cluster_shard_fences`, raised by
 * the runner that takes the shard before it runs anything there. A handler's writes check, in their own
 * transaction, that the epoch is still the one this runner set; a pod resumed after a freeze writes nothing.
 */
import type * as ShardId from "@effect/cluster/ShardId"
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ClusterLease } from "./ClusterLease.js"

const _table = "cluster_shard_fences"

/**
 * The fence table, created if missing, and the bump the lease's runner storage runs for shards it has just
 * locked: one statement, which waits (up to the lock pool's `lock_timeout`) for writes still checking the
 * old epoch, so none of them commits after the new owner starts.
 */
const bump: Effect.Effect<ClusterLease.Bump, SqlError.SqlError, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql.unsafe(`CREATE TABLE IF NOT EXISTS ${_table} (shard_id text PRIMARY KEY, epoch bigint NOT NULL, runner text NOT NULL)`)
  const text = `INSERT INTO ${_table} (shard_id, epoch, runner) SELECT s, 1, $2 FROM unnest($1::text[]) AS s
    ON CONFLICT (shard_id) DO UPDATE SET epoch = ${_table}.epoch + 1, runner = EXCLUDED.runner RETURNING shard_id, epoch`
  return (shards, runner) =>
    sql.unsafe<{ readonly shard_id: string; readonly epoch: string }>(text, [shards, runner]).pipe(
      Effect.map((rows) => rows.map((r) => [r.shard_id, Number(r.epoch)] as const))
    )
})

/**
 * Run `effect` (the handler's SQL writes, on the app's `SqlClient`) in one transaction that first takes the
 * shard's fence row `FOR SHARE` and checks its epoch is the one this runner set when it took the shard, under
 * a valid lease. Fenced — another runner took the shard, or the lease lapsed — nothing is written and the
 * handler waits for Sharding's forced stop, which stores no reply: the request runs again on the owner. A
 * frozen writer cannot hold the row for long (`idle_in_transaction_session_timeout` = the lock idle timeout).
 * Without a fenced cluster (memory, SQLite) it is a plain transaction.
 */
const write = <A, E, R>(
  shardId: ShardId.ShardId | string,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E | SqlError.SqlError, R | SqlClient.SqlClient | ClusterLease.Service> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const lease = yield* ClusterLease.Lease
    const shard = String(shardId)
    const checked = Effect.gen(function*() {
      yield* sql.unsafe(`SET LOCAL idle_in_transaction_session_timeout = ${Math.round(lease._idleMillis)}`)
      const rows = yield* sql.unsafe<{ readonly epoch: string }>(`SELECT epoch FROM ${_table} WHERE shard_id = $1 FOR SHARE`, [shard])
      const mine = lease._epoch(shard)
      return mine !== undefined && rows[0] !== undefined && Number(rows[0].epoch) === mine
        ? Option.some(yield* effect)
        : Option.none<A>()
    })
    const done = yield* sql.withTransaction(lease.fenced ? checked : Effect.map(effect, Option.some))
    return yield* Option.match(done, {
      onSome: Effect.succeed,
      onNone: () =>
        Effect.logWarning(`Fenced: shard ${shard} belongs to another runner now (or this runner's lease lapsed); nothing written`).pipe(
          Effect.zipRight(Effect.never)
        )
    })
  })

export const ClusterFence = { bump, write } as const
