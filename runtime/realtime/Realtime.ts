/**
 * Realtime delivery across pods (STRM-01/02, WS-01/02/03): typed channels whose messages are published in
 * the caller's SQL transaction and reach subscribers on every pod, in order, resumable by cursor.
 *
 * Design (measured on embedded PostgreSQL 17, 2 vCPU; see docs/runtime.md "Realtime"): @effect/cluster has
 * no broadcast, and a per-topic entity streaming to other pods loses messages when it moves, so the truth is
 * a **sequenced log in PostgreSQL** (`ec_rt_stream` + `ec_rt_log`, one numbering per channel and key, in
 * commit order with no holes) and the wake-up is `pg_notify` (on commit, ~7k/s, sub-millisecond). Each pod
 * keeps one watched LISTEN connection (`Listener`); a stream's local subscribers share one reader
 * (`Hub`); a subscriber checks that numbers are contiguous and backfills from the log (`Subscription`), so
 * a missed wake-up delays a message, never loses or reorders it. Retention drops messages by age and count;
 * a cursor behind it gets a typed gap. SQLite (one pod) polls instead of listening.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import type * as Headers from "@effect/platform/Headers"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { EdgeError } from "../contract/EdgeError.js"
import { RealtimeChannel } from "./Channel.js"
import { RealtimeHub } from "./Hub.js"
import { RealtimeListener } from "./Listener.js"
import { RealtimeLog } from "./Log.js"
import { RealtimeSettings } from "./Settings.js"
import { RealtimeSse } from "./Sse.js"

const _pgConfig = (c: PgClient.PgClientConfig) => ({
  connectionString: c.url === undefined ? undefined : Redacted.value(c.url),
  host: c.host,
  port: c.port,
  database: c.database,
  user: c.username,
  password: c.password === undefined ? undefined : Redacted.value(c.password)
})

/** Retention runs on one pod at a time (an advisory lock of the transaction); SQLite has one pod. */
const _prune = (sql: SqlClient.SqlClient, s: RealtimeSettings.Settings) =>
  sql.withTransaction(Effect.gen(function*() {
    const rows = yield* sql.onDialectOrElse({
      pg: () => sql<{ readonly ok: boolean }>`SELECT pg_try_advisory_xact_lock(${0x45435250}) AS ok`,
      orElse: () => Effect.succeed([{ ok: true }])
    })
    yield* rows[0]?.ok === true ? RealtimeLog.prune(sql, Duration.toSeconds(s.retention), s.retentionCount) : Effect.void
  }))

/**
 * The realtime runtime of a pod: creates the log's tables, keeps the pod's hub (one reader per watched
 * stream), listens for wake-ups (PostgreSQL) or polls (`REALTIME_POLL`, SQLite), and applies retention
 * (`REALTIME_RETENTION`, `REALTIME_RETENTION_COUNT`) every minute.
 */
const layer: Layer.Layer<RealtimeHub.Tag, never, SqlClient.SqlClient> = Layer.scoped(
  RealtimeHub.Hub,
  Effect.gen(function*() {
    const s = yield* Effect.orDie(RealtimeSettings.settings)
    const sql = yield* SqlClient.SqlClient
    yield* Effect.orDie(RealtimeLog.migrate(sql))
    const hub = yield* RealtimeHub.make({ messages: s.buffer, bytes: s.bufferBytes })
    const pg = yield* Effect.serviceOption(PgClient.PgClient)
    yield* Option.match(pg, {
      onNone: () => Effect.sync(hub.wakeAll).pipe(Effect.repeat(Schedule.spaced(s.poll)), Effect.asVoid),
      onSome: (client) =>
        RealtimeListener.run({
          config: _pgConfig(client.config),
          notifyChannel: RealtimeLog.notifyChannel,
          onWake: (w) => hub.wake(w.channel, w.key, w.epoch, w.seq),
          onLive: Effect.sync(hub.wakeAll)
        })
    }).pipe(Effect.forkScoped)
    yield* _prune(sql, s).pipe(
      Effect.catchAllCause((cause) => Effect.logWarning("realtime: retention failed; retrying in a minute", cause)),
      Effect.repeat(Schedule.spaced("1 minute")),
      Effect.forkScoped
    )
    return hub
  })
)

/**
 * The body of a generated channel-subscription RPC: `allowed` (the contract's `allow` for this caller and
 * key) gates it with a typed `Forbidden`; then the key's messages from `cursor`, or from now.
 */
const serve = <K, P, PI, R>(
  channel: RealtimeChannel<K, P, PI>,
  request: { readonly key: K; readonly cursor?: string | undefined },
  allowed: Effect.Effect<boolean, never, R>
): Stream.Stream<RealtimeChannel.Item<P>, EdgeError.Forbidden | EdgeError.Unavailable, R | RealtimeHub.Tag> =>
  Stream.unwrap(Effect.map(allowed, (ok): Stream.Stream<RealtimeChannel.Item<P>, EdgeError.Forbidden | EdgeError.Unavailable, RealtimeHub.Tag> =>
    ok
      ? channel.subscribe(request.key, { cursor: request.cursor })
      : Stream.fail(new EdgeError.Forbidden({ message: `not allowed to subscribe to this ${channel.id} key` }))))

/**
 * A channel for the SSE endpoint: `authorize` (generated from the contract's auth and `allow`) sees the
 * decoded key and the request headers, and fails with `Unauthorized` or `Forbidden` to refuse.
 */
const expose = <K, P, PI, R>(
  channel: RealtimeChannel<K, P, PI>,
  authorize: (key: K, headers: Headers.Headers) => Effect.Effect<void, EdgeError.Unauthorized | EdgeError.Forbidden, R>
): Realtime.Exposed<R> => {
  const decode = Schema.decode(channel.key)
  const encode = Schema.encode(channel.key)
  return {
    id: channel.id,
    open: (key, cursor, headers) =>
      decode(key).pipe(
        Effect.mapError(() => new EdgeError.RequestInvalid({ message: `key ${JSON.stringify(key.slice(0, 64))} is not a valid ${channel.id} key` })),
        Effect.tap((k) => authorize(k, headers)),
        Effect.flatMap((k) => Effect.orDie(encode(k))),
        Effect.map((encoded) => channel.subscribeEncoded(encoded, cursor))
      )
  }
}

/** The SSE routes (`GET /events/<contract>/<Channel>`) of exposed channels; `Server.layer({ channels })` mounts them. */
const sse = <R>(channels: ReadonlyArray<Realtime.Exposed<R>>) =>
  Effect.map(Effect.orDie(RealtimeSettings.settings), (s) =>
    RealtimeSse.routes(channels, { heartbeat: Duration.toMillis(s.heartbeat), retryMs: 2000 }))

export const Realtime = {
  channel: RealtimeChannel.make,
  item: RealtimeChannel.itemSchema,
  layer,
  serve,
  expose,
  sse,
  frame: RealtimeSse.frame,
  Hub: RealtimeHub.Hub
} as const

export declare namespace Realtime {
  type Channel<K, P, PI> = RealtimeChannel<K, P, PI>
  type Item<P> = RealtimeChannel.Item<P>
  type Exposed<R> = RealtimeSse.Channel<R>
  /** The pod's hub, which `Realtime.layer` provides and subscriptions need. */
  type Hub = RealtimeHub.Tag
}
