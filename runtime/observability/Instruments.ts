/**
 * Every metric the runtime records, as Effect `Metric`s in the global registry: what `/metrics` renders and
 * OTLP exports. Defining them here keeps names, labels and help texts in one table; recording is done by
 * the concepts that own the events (cluster, events, webhooks, jobs, realtime), never by this module.
 */
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"
import * as MetricLabel from "effect/MetricLabel"

const _counter = (name: string, description: string) => Metric.counter(name, { description, incremental: true })
const _gauge = (name: string, description: string) => Metric.gauge(name, { description })

/** Send → handler start, in seconds: 1 ms … 8.2 s, doubling, then +Inf. */
const _latencyBuckets = MetricBoundaries.exponential({ start: 0.001, factor: 2, count: 15 })

const cluster = {
  shardsOwned: _gauge("ec_cluster_shards_owned", "Shards this runner holds now."),
  stored: _counter("ec_cluster_messages_stored_total", "Persisted requests this runner stored (a duplicate primary key is not stored)."),
  duplicates: _counter("ec_cluster_messages_duplicate_total", "Persisted requests whose primary key was already stored: the original's reply is used."),
  processed: _counter("ec_cluster_messages_processed_total", "Entity handler runs that finished on this runner (success or failure)."),
  failed: _counter("ec_cluster_messages_failed_total", "Entity handler runs that failed or died on this runner."),
  active: _gauge("ec_cluster_handlers_active", "Entity handler runs in progress on this runner."),
  latency: Metric.histogram(
    "ec_cluster_message_latency_seconds",
    _latencyBuckets,
    "From a request's creation by its sender (its snowflake id) to its entity handler starting, on the handling runner."
  ),
  waiting: _gauge(
    "ec_cluster_messages_waiting",
    "Persisted requests stored for this runner's shards and not processed yet: unread, queued in an entity mailbox, or running."
  )
} as const

const events = {
  outboxRows: _gauge("ec_events_outbox_rows", "Committed events waiting in the outbox for the relay (cluster-wide)."),
  outboxLag: _gauge("ec_events_outbox_lag_seconds", "Age of the oldest event waiting in the outbox, 0 when it is empty (cluster-wide)."),
  relayed: _counter("ec_events_relayed_total", "Outbox events this runner's relay turned into deliveries."),
  relayActive: _gauge("ec_events_relay_active", "1 while the outbox relay singleton runs on this runner."),
  relayListening: _gauge("ec_events_relay_listening", "1 from each start of the relay's LISTEN for publishing commits until it fails (PostgreSQL; retried every second, so an unreachable database shows as brief 1s and a rising ec_events_relay_failures_total)."),
  relayFailures: _counter("ec_events_relay_failures_total", "Relay batches that failed and LISTEN connections lost, retried."),
  deadLettered: _counter("ec_events_dead_lettered_total", "Event deliveries this runner dead-lettered after their retries."),
  deadLetters: _gauge("ec_events_dead_letters", "Event dead letters waiting to be replayed (cluster-wide).")
} as const

const webhooks = {
  attempts: _counter("ec_webhooks_attempts_total", "Webhook requests this runner's workers made, by outcome."),
  finished: _counter("ec_webhooks_deliveries_total", "Webhook delivery cycles that ended, by final status."),
  deadLettered: _counter("ec_webhooks_dead_lettered_total", "Webhook messages dead-lettered by this runner."),
  deadLetters: _gauge("ec_webhooks_dead_letters", "Webhook dead letters not delivered yet (cluster-wide).")
} as const

const jobs = {
  deadLettered: _counter("ec_jobs_dead_lettered_total", "Jobs dead-lettered by this runner after their retries.")
} as const

const realtime = {
  listening: _gauge("ec_realtime_listener_up", "1 while the realtime LISTEN connection is up and answering its heartbeat."),
  reconnects: _counter("ec_realtime_listener_reconnects_total", "Realtime LISTEN connections lost and reopened.")
} as const

const metrics = {
  probes: _counter("ec_metrics_probe_refreshes_total", "Refreshes of the gauges read from the database (at most one a second, however many scrapes).")
} as const

/**
 * One label set per combination of values, made once: metric hooks are cached by the identity of their
 * label array, so the hot path passes the same array every time instead of building one.
 */
const labels = (...keys: ReadonlyArray<string>) => {
  const made = new Map<string, ReadonlyArray<MetricLabel.MetricLabel>>()
  return (...values: ReadonlyArray<string>): ReadonlyArray<MetricLabel.MetricLabel> => {
    const id = values.join("\u0000")
    const found = made.get(id)
    const fresh = found ?? keys.map((key, i) => MetricLabel.make(key, values[i] ?? ""))
    return found ?? (made.set(id, fresh), fresh)
  }
}

export const Instruments = { cluster, events, webhooks, jobs, realtime, metrics, labels } as const
