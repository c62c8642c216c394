/**
 * The gauges read from state rather than counted as things happen: shards held (`Probes.Shards`), persisted
 * requests waiting on this runner's shards, the outbox's size and lag, dead letters (from SQL). Run before
 * each scrape and, with OTLP metrics, on the export interval. A table an app lacks (no events, memory
 * storage) leaves its gauge unset; a probe never fails or repairs anything. Refreshes are at most one a
 * second (`ec_metrics_probe_refreshes_total` counts them).
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Instruments } from "./Instruments.js"

/**
 * The shards this runner holds now, as the message table names them (`default:12`): provided by the cluster
 * layer (which knows the shard layout), so that this folder never imports the cluster's.
 */
class Shards extends Context.Tag("effect-contracts/Metrics/Shards")<Shards, Effect.Effect<ReadonlyArray<string>>>() {}

const _webhook = Instruments.labels("webhook")

/** Webhooks seen in an earlier probe: set to 0 when their last dead letter is gone (no row says so). */
const _seen = new Set<string>()

const _number = (value: unknown) => Number(value ?? 0)

/** Shards held, and persisted requests (kind 0) stored for them and not processed yet. */
const _cluster = (sql: SqlClient.SqlClient, owned: Effect.Effect<ReadonlyArray<string>>) =>
  Effect.gen(function*() {
    const shards = yield* owned
    Instruments.cluster.shardsOwned.unsafeUpdate(shards.length, [])
    const rows = shards.length === 0 ? [{ n: 0 }] : yield* sql<{ readonly n: unknown }>`SELECT count(*) AS n FROM cluster_messages
      WHERE shard_id IN ${sql.in(shards)} AND processed = FALSE AND kind = 0`
    Instruments.cluster.waiting.unsafeUpdate(_number(rows[0]?.n), [])
  })

/** Rows in the outbox and the age of the oldest, in the database's own clock (no clock skew with pods). */
const _outbox = (sql: SqlClient.SqlClient) =>
  Effect.gen(function*() {
    const age = sql.onDialectOrElse({
      pg: () => sql.literal("EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP::timestamp - min(created_at)))"),
      orElse: () => sql.literal("(julianday('now') - julianday(min(created_at))) * 86400")
    })
    const rows = yield* sql<{ readonly n: unknown; readonly age: unknown }>`SELECT count(*) AS n, ${age} AS age FROM ec_event_outbox`
    Instruments.events.outboxRows.unsafeUpdate(_number(rows[0]?.n), [])
    Instruments.events.outboxLag.unsafeUpdate(Math.max(0, _number(rows[0]?.age)), [])
  })

const _eventDeadLetters = (sql: SqlClient.SqlClient) =>
  Effect.map(sql<{ readonly n: unknown }>`SELECT count(*) AS n FROM ec_event_dead_letters`, (rows) =>
    Instruments.events.deadLetters.unsafeUpdate(_number(rows[0]?.n), []))

const _webhookDeadLetters = (sql: SqlClient.SqlClient) =>
  Effect.map(
    sql<{ readonly webhook: string; readonly n: unknown }>`SELECT webhook, count(*) AS n FROM ec_webhook_dead_letters
      WHERE status = 'dead' GROUP BY webhook`,
    (rows) => {
      const counts = new Map(rows.map((r) => [r.webhook, _number(r.n)]))
      counts.forEach((_, webhook) => _seen.add(webhook))
      _seen.forEach((webhook) => Instruments.webhooks.deadLetters.unsafeUpdate(counts.get(webhook) ?? 0, _webhook(webhook)))
    }
  )

/** Every probe, in parallel; one that fails (its table is missing), or even dies, is skipped. */
const refresh: Effect.Effect<void, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const shards = yield* Effect.serviceOption(Shards)
  const cluster = Option.match(shards, { onNone: () => [], onSome: (owned) => [_cluster(sql, owned)] })
  yield* Effect.all(
    [...cluster, _outbox(sql), _eventDeadLetters(sql), _webhookDeadLetters(sql)].map((probe) =>
      probe.pipe(Effect.catchAllCause((cause) => Effect.logDebug("metrics: probe skipped", cause)), Effect.withTracerEnabled(false))
    ),
    { concurrency: "unbounded", discard: true }
  )
})

/** Scrapes this close together share one refresh: `/metrics` is on the public port, so a flood of scrapes must not become a flood of SQL. */
const _minIntervalMillis = 1000
const _gate = Effect.unsafeMakeSemaphore(1)
let _refreshedAt = Number.NEGATIVE_INFINITY

/**
 * `refresh`, unless one finished less than a second ago: concurrent callers wait for the one in flight and
 * then use its values (with OTLP metrics on, the export interval's refresh counts too).
 */
const refreshRecent: Effect.Effect<void, never, SqlClient.SqlClient> = _gate.withPermits(1)(
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    now - _refreshedAt < _minIntervalMillis ? Effect.void : refresh.pipe(
      Effect.zipRight(Clock.currentTimeMillis),
      Effect.tap((done) => Effect.sync(() => (_refreshedAt = done, Instruments.metrics.probes.unsafeUpdate(1, []))))
    ))
)

export const Probes = { refresh: refreshRecent, Shards } as const
