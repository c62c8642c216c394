/**
 * The realtime runtime's settings, from the environment (any `ConfigProvider` works): retention of the log,
 * each subscriber's buffer, the SSE heartbeat, and the polling interval where there is no LISTEN (SQLite).
 */
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"

const settings = Config.all({
  retention: Config.duration("REALTIME_RETENTION").pipe(
    Config.withDefault(Duration.days(1)),
    Config.withDescription("how long published channel messages stay in the log for resuming subscribers")
  ),
  retentionCount: Config.integer("REALTIME_RETENTION_COUNT").pipe(
    Config.withDefault(1000),
    Config.withDescription("most messages kept per stream (channel and key); older ones are dropped first")
  ),
  buffer: Config.integer("REALTIME_BUFFER").pipe(
    Config.withDefault(1000),
    Config.withDescription("messages buffered per subscriber; a subscriber further behind is sent 'lagged' and closed")
  ),
  bufferBytes: Config.integer("REALTIME_BUFFER_BYTES").pipe(
    Config.withDefault(1024 * 1024),
    Config.withDescription("payload bytes buffered per subscriber (a single larger message still passes); beyond it: 'lagged'")
  ),
  heartbeat: Config.duration("REALTIME_SSE_HEARTBEAT").pipe(
    Config.withDefault(Duration.seconds(15)),
    Config.withDescription("interval of SSE heartbeat comments, which keep proxies from closing idle streams")
  ),
  poll: Config.duration("REALTIME_POLL").pipe(
    Config.withDefault(Duration.millis(250)),
    Config.withDescription("how often a pod without LISTEN/NOTIFY (SQLite) checks the log for new messages")
  )
})

export const RealtimeSettings = { settings } as const

export declare namespace RealtimeSettings {
  type Settings = Config.Config.Success<typeof settings>
}
