/**
 * Retention for the cluster's SQL message storage: @effect/cluster never deletes processed messages or
 * their replies, so a cluster-wide schedule prunes those older than a configurable age.
 * The age is also the dedupe window: a primary key seen again after it is processed again.
 */
import * as ClusterCron from "@effect/cluster/ClusterCron"
import * as MachineId from "@effect/cluster/MachineId"
import * as Snowflake from "@effect/cluster/Snowflake"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Cron from "effect/Cron"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

const _defaults = { olderThan: Duration.days(7), cron: "17 * * * *", prefix: "cluster" } as const

/**
 * Delete processed messages (and their replies) stored before `now - olderThan`. Message ids are
 * Snowflakes, whose high bits are their creation time, so the cut-off is one id comparison.
 */
const prune = Effect.fn("Retention.prune")(function*(options: { readonly olderThan: Duration.DurationInput; readonly prefix?: string }) {
  const sql = yield* SqlClient.SqlClient
  const now = yield* Clock.currentTimeMillis
  const cutoff = Snowflake.make({ machineId: MachineId.make(0), sequence: 0, timestamp: now - Duration.toMillis(options.olderThan) })
  const messages = sql(`${options.prefix ?? _defaults.prefix}_messages`)
  const replies = sql(`${options.prefix ?? _defaults.prefix}_replies`)
  const old = sql`processed AND id < ${String(cutoff)}`
  const pruned = yield* sql.withTransaction(Effect.gen(function*() {
    const counted = yield* sql<{ messages: number; replies: number }>`
      SELECT (SELECT count(*) FROM ${messages} WHERE ${old}) AS messages,
        (SELECT count(*) FROM ${replies} WHERE request_id IN (SELECT id FROM ${messages} WHERE ${old})) AS replies`
    yield* sql`DELETE FROM ${replies} WHERE request_id IN (SELECT id FROM ${messages} WHERE ${old})`
    yield* sql`DELETE FROM ${messages} WHERE ${old}`
    return { messages: Number(counted[0]?.messages ?? 0), replies: Number(counted[0]?.replies ?? 0) }
  }))
  yield* pruned.messages + pruned.replies > 0
    ? Effect.logInfo(`retention: pruned ${pruned.messages} processed message(s) and ${pruned.replies} repl(ies)`)
    : Effect.void
  return pruned
})

/**
 * The pruning schedule (hourly by default), running once per tick across the cluster. Settings:
 * `CLUSTER_RETENTION` (a duration, default 7 days) and `CLUSTER_RETENTION_CRON`.
 */
const layer = Layer.unwrapEffect(Effect.gen(function*() {
  const olderThan = yield* Config.duration("CLUSTER_RETENTION").pipe(Config.withDefault(_defaults.olderThan))
  const cron = yield* Config.string("CLUSTER_RETENTION_CRON").pipe(Config.withDefault(_defaults.cron))
  return ClusterCron.make({
    name: "effect-contracts/retention",
    cron: yield* Cron.parse(cron),
    execute: prune({ olderThan }).pipe(Effect.catchAllCause((cause) => Effect.logWarning("retention: prune failed", cause)))
  })
}).pipe(Effect.orDie))

export const Retention = { prune, layer, defaults: _defaults } as const
