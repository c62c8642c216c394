/**
 * The realtime benchmark's latency phase: this process (a third one, neither pod) publishes to one key at a
 * fixed rate through PostgreSQL while SSE subscribers on a pod receive. Each message is one autocommitted
 * `Feed.feed.publish` statement: in an explicit transaction (BEGIN, statement, COMMIT) the stream's row lock is
 * held across a client round trip and concurrent publishers of one key queue on it (≈ 260–380 msg/s here). A
 * message's latency is its arrival minus when its commit returned (and minus its start), split where a LISTEN
 * connection of this process hears its NOTIFY; all on this process's monotonic clock. Measures only.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { RealtimeLog } from "../../../runtime/realtime/Log.js"
import { Feed } from "../../runtime/realtime/Feed.js"
import { ClusterReport } from "../_clusterReport.js"
import { SseClients } from "./_sse.js"

/** Publishing statements in flight at most (the pace, not this, sets the rate). */
const _inFlight = 16

interface _Options {
  readonly databaseUrl: string
  /** The subscribers' SSE URL (its `key` is `key`). */
  readonly events: string
  readonly key: string
  readonly subscribers: number
  readonly rate: number
  readonly seconds: number
  /** Messages of the first `warmSeconds` are published but not measured (JIT, pool, subscribers positioning). */
  readonly warmSeconds: number
}

/**
 * Publish `total` messages at `rate`/s, each started at its due time (or at once when late); record when each
 * began and committed. Succeeds with when message `n` was due.
 */
const _publish = (sql: SqlClient.SqlClient, o: _Options, total: number, began: Map<number, number>, committed: Map<number, number>) =>
  Effect.suspend(() => {
    const t0 = performance.now() + 20
    const room = Feed.room(o.key)
    return Effect.forEach(Array.from({ length: total }, (_, i) => i + 1), (n) =>
      Effect.suspend(() => Effect.sleep(Math.max(0, t0 + ((n - 1) * 1000) / o.rate - performance.now()))).pipe(
        Effect.zipRight(Effect.sync(() => began.set(n, performance.now()))),
        Effect.zipRight(Feed.feed.publish(room, { n, text: `message ${n}` }).pipe(Effect.provideService(SqlClient.SqlClient, sql))),
        Effect.zipRight(Effect.sync(() => committed.set(n, performance.now())))
      ), { concurrency: _inFlight, discard: true }).pipe(Effect.as((n: number) => t0 + ((n - 1) * 1000) / o.rate))
  })

/** Run the phase: latencies (ms) of the measured messages over every subscriber, and what the publisher achieved. */
const run = (o: _Options) =>
  Effect.scoped(Effect.gen(function*() {
    const total = Math.round(o.rate * (o.warmSeconds + o.seconds))
    const first = Math.round(o.rate * o.warmSeconds) + 1
    const measured = total - first + 1
    const began = new Map<number, number>()
    const committed = new Map<number, number>()
    const notified = new Map<string, number>()
    const arrivals: Array<readonly [number, string, number]> = []
    const onMessage = (n: number, cursor: string, at: number) => n >= first ? void arrivals.push([n, cursor, at]) : undefined
    const clients = yield* SseClients.open(o.events, o.subscribers, { onMessage })
    const context = yield* Layer.build(PgClient.layer({ url: Redacted.make(o.databaseUrl), maxConnections: _inFlight }))
    const sql = yield* Effect.provide(SqlClient.SqlClient, context)
    // The wake-ups as a listener in this process hears them (`<channel>\n<epoch>\n<seq>\n<key>`), by cursor.
    yield* Context.get(context, PgClient.PgClient).listen(RealtimeLog.notifyChannel).pipe(
      Stream.runForEach((payload) =>
        Effect.sync(() => {
          const [, epoch, seq, key] = payload.split("\n")
          return key === o.key ? void notified.set(`${epoch}.${seq}`, performance.now()) : undefined
        })
      ),
      Effect.ignore,
      Effect.forkScoped
    )
    // The stream exists before the subscribers position themselves on it.
    yield* Feed.feed.publish(Feed.room(o.key), { n: 0, text: "create" }).pipe(Effect.provideService(SqlClient.SqlClient, sql), Effect.orDie)
    yield* Effect.sleep("500 millis")
    const due = yield* _publish(sql, o, total, began, committed).pipe(Effect.orDie)
    yield* Effect.sync(() => arrivals.length).pipe(
      Effect.repeat({ until: (got) => got >= measured * o.subscribers, schedule: Schedule.spaced("20 millis") }),
      Effect.timeout("10 seconds"),
      Effect.ignore
    )
    // Computed afterwards: a message may arrive before this process has read its own commit's answer.
    const fromBegin = arrivals.map(([n, , at]) => at - began.get(n)!)
    const fromCommit = arrivals.map(([n, , at]) => at - committed.get(n)!)
    const byCursor = new Map(arrivals.map(([n, cursor]) => [cursor, n]))
    const commitToNotify = Array.from(byCursor, ([cursor, n]) => (notified.get(cursor) ?? Number.NaN) - committed.get(n)!)
    const notifyToArrival = arrivals.map(([, cursor, at]) => at - (notified.get(cursor) ?? Number.NaN))
    const commits = Array.from({ length: measured }, (_, i) => (committed.get(first + i) ?? Number.NaN) - (began.get(first + i) ?? Number.NaN))
    const result: Latency.Result = {
      subscribers: clients.conns.length,
      measured,
      received: arrivals.length,
      expected: measured * o.subscribers,
      // Measured messages over the time from the first one's due time to the last one's start (+ one interval).
      rate: measured / ((began.get(total)! - due(first)) / 1000 + 1 / o.rate),
      fromBegin: ClusterReport.pcts(fromBegin),
      fromCommit: ClusterReport.pcts(fromCommit),
      commitToNotify: ClusterReport.pcts(commitToNotify.filter((x) => !Number.isNaN(x))),
      notifyToArrival: ClusterReport.pcts(notifyToArrival.filter((x) => !Number.isNaN(x))),
      max: fromBegin.reduce((a, x) => Math.max(a, x), 0),
      commit: ClusterReport.pcts(commits)
    }
    return result
  }))

export const Latency = { run } as const

export declare namespace Latency {
  type Options = _Options
  interface Result {
    readonly subscribers: number
    /** Messages measured (after the warm-up), and deliveries received of the expected `measured × subscribers`. */
    readonly measured: number
    readonly received: number
    readonly expected: number
    /** Achieved publish rate over the measured messages (msg/s): the target when no publish started late. */
    readonly rate: number
    /** Publish start → SSE arrival, and commit returned → SSE arrival (ms; negative when it arrived first). */
    readonly fromBegin: ClusterReport.Pcts
    readonly fromCommit: ClusterReport.Pcts
    /** Split at the wake-up as a LISTEN connection in this process hears it: commit returned → NOTIFY, NOTIFY → SSE arrival. */
    readonly commitToNotify: ClusterReport.Pcts
    readonly notifyToArrival: ClusterReport.Pcts
    readonly max: number
    /** The publishing statement itself: start → commit returned (ms). */
    readonly commit: ClusterReport.Pcts
  }
}
