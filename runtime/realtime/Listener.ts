/**
 * The pod's one LISTEN connection for realtime wake-ups, with a watchdog. `@effect/sql-pg`'s `listen`
 * shares one client between listeners and hangs silently when that connection dies, so this is a plain
 * `pg` client the pod owns. Every second it NOTIFYs a channel of its own through that same connection
 * and expects the notification back within 3 s; silence (a dead socket, a server restart,
 * `pg_terminate_backend`, the pod frozen and thawed) tears the connection down and opens a new one, and
 * `onLive` runs after every (re)connect so the hub catches up from the log: wake-ups are hints, the log
 * is the truth. The session carries `idle_session_timeout` (PostgreSQL 14+; skipped on older servers), so
 * a frozen pod's session is dropped by the server instead of pinning the notification queue.
 */
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { randomBytes } from "node:crypto"
import pg from "pg"
import { Instruments } from "../observability/Instruments.js"

/** What a wake-up names: a stream and the number of its newest message. */
interface Wake {
  readonly channel: string
  readonly key: string
  readonly epoch: string
  readonly seq: number
}

class _ListenerLost extends Error {}

/** `ec_realtime_listener_up`: 1 from a successful LISTEN until its session ends. */
const _up = Instruments.realtime.listening

const _beat = Duration.seconds(1)
const _silence = 3_000

/** `<channel>\n<epoch>\n<seq>\n<key>` (the key last: it may hold anything but a newline). */
const _parse = (payload: string): Wake | undefined => {
  const [channel, epoch, seq, ...key] = payload.split("\n")
  return channel === undefined || epoch === undefined || seq === undefined
    ? undefined
    : { channel, epoch, seq: Number(seq), key: key.join("\n") }
}

const _query = (client: pg.Client, text: string, values: ReadonlyArray<string> = []) =>
  Effect.tryPromise({ try: () => client.query(text, [...values]), catch: (cause) => new _ListenerLost(String(cause)) }).pipe(
    Effect.timeoutFail({ duration: Duration.millis(_silence), onTimeout: () => new _ListenerLost(`no answer to ${text.split(" ")[0]} in ${_silence} ms`) })
  )

const _open = (config: pg.ClientConfig, dead: Deferred.Deferred<never, _ListenerLost>) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const client = new pg.Client({ ...config, connectionTimeoutMillis: _silence, keepAlive: true, application_name: "ec_realtime_listener" })
      client.on("error", (e) => Deferred.unsafeDone(dead, Exit.fail(new _ListenerLost(e.message))))
      client.on("end", () => Deferred.unsafeDone(dead, Exit.fail(new _ListenerLost("connection ended"))))
      return client
    }),
    (client) =>
      Effect.sync(() => {
        client.removeAllListeners("notification")
        client.end().catch(() => undefined)
      })
  ).pipe(Effect.tap((client) => Effect.tryPromise({ try: () => client.connect(), catch: (cause) => new _ListenerLost(String(cause)) })))

/** One connection's life: LISTEN, report live, then beat until the connection dies or goes silent. */
const _session = (
  config: pg.ClientConfig,
  notifyChannel: string,
  onWake: (wake: Wake) => void,
  onLive: Effect.Effect<void>
): Effect.Effect<never, _ListenerLost, Scope.Scope> =>
  Effect.gen(function*() {
    const dead = yield* Deferred.make<never, _ListenerLost>()
    const client = yield* _open(config, dead)
    const own = `ec_rt_hb_${randomBytes(6).toString("hex")}`
    const heard = { at: Date.now() }
    client.on("notification", (n) => {
      const wake = n.channel === notifyChannel && n.payload !== undefined ? _parse(n.payload) : undefined
      heard.at = n.channel === own ? Date.now() : heard.at
      return wake === undefined ? undefined : onWake(wake)
    })
    yield* Effect.ignore(_query(client, "SELECT set_config('idle_session_timeout', '10s', false)"))
    yield* _query(client, `LISTEN ${notifyChannel}`)
    yield* _query(client, `LISTEN ${own}`)
    heard.at = Date.now()
    yield* Effect.acquireRelease(Effect.sync(() => _up.unsafeUpdate(1, [])), () => Effect.sync(() => _up.unsafeUpdate(0, [])))
    yield* onLive
    const watchdog = _query(client, "SELECT pg_notify($1, 'hb')", [own]).pipe(
      Effect.zipRight(Effect.suspend(() =>
        Date.now() - heard.at > _silence
          ? Effect.fail(new _ListenerLost(`no heartbeat for ${Date.now() - heard.at} ms`))
          : Effect.void
      )),
      Effect.repeat(Schedule.spaced(_beat)),
      Effect.zipRight(Effect.never)
    )
    return yield* Effect.raceFirst(Deferred.await(dead), watchdog)
  })

/**
 * Listen for wake-ups on `notifyChannel` until the scope closes, reconnecting (every 500 ms while the
 * server is unreachable) after any loss. `onLive` runs after each successful LISTEN.
 */
const run = (options: {
  readonly config: pg.ClientConfig
  readonly notifyChannel: string
  readonly onWake: (wake: Wake) => void
  readonly onLive: Effect.Effect<void>
}): Effect.Effect<never> =>
  Effect.scoped(_session(options.config, options.notifyChannel, options.onWake, options.onLive)).pipe(
    Effect.catchAll((lost) =>
      Effect.zipRight(
        Effect.sync(() => Instruments.realtime.reconnects.unsafeUpdate(1, [])),
        Effect.logWarning(`realtime: LISTEN connection lost (${lost.message}); reconnecting and catching up`)
      )),
    Effect.zipRight(Effect.sleep(Duration.millis(500))),
    Effect.forever
  )

export const RealtimeListener = { run } as const

export declare namespace RealtimeListener {
  type WakeUp = Wake
}
