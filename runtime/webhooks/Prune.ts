/**
 * Retention for webhook tables: finished rows older than a cutoff go (completed queue items, final
 * delivery statuses, dead letters a replay delivered). Undelivered dead letters stay until replayed.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/**
 * Delete what finished more than `olderThan` ago (default 7 days, like the cluster's `Retention`); keep it
 * well above the longest a workflow can stall (minutes), since a completed queue item is what makes a
 * replayed attempt a no-op until the workflow has recorded its outcome. Yields the counts deleted.
 */
const prune = (options: { readonly olderThan?: Duration.DurationInput } = {}): Effect.Effect<
  { readonly queue: number; readonly deliveries: number; readonly deadLetters: number },
  SqlError.SqlError,
  SqlClient.SqlClient
> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const age = Duration.decode(options.olderThan ?? "7 days")
    const cutoff = (yield* Clock.currentTimeMillis) - Duration.toMillis(age)
    const seconds = sql.literal(String(Math.floor(Duration.toSeconds(age))))
    const queueCutoff = sql.onDialectOrElse({
      pg: () => sql`NOW() - INTERVAL '${seconds} seconds'`,
      orElse: () => sql`datetime(CURRENT_TIMESTAMP, '-${seconds} seconds')`
    })
    const queue = yield* sql<{ readonly id: string }>`DELETE FROM ec_webhook_queue
      WHERE completed = ${sql.onDialectOrElse({ pg: () => sql.literal("TRUE"), orElse: () => sql.literal("1") })}
      AND updated_at < ${queueCutoff} RETURNING id`
    const deliveries = yield* sql<{ readonly message_id: string }>`DELETE FROM ec_webhook_deliveries
      WHERE status <> 'delivering' AND updated_at < ${cutoff} RETURNING message_id`
    const deadLetters = yield* sql<{ readonly id: string }>`DELETE FROM ec_webhook_dead_letters
      WHERE status = 'delivered' AND dead_at < ${cutoff} RETURNING id`
    return { queue: queue.length, deliveries: deliveries.length, deadLetters: deadLetters.length }
  })

export const WebhookPrune = { prune } as const
