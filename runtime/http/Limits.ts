/**
 * The edge's limits, with defaults that keep one pod standing under a flood: read once from the environment
 * (`HTTP_*`, `WS_*`) or given to `Server.layer`, and the pod-wide budget of calls in flight they govern (HTTP
 * and WebSocket calls alike).
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

const _settings = Config.all({
  maxBodyBytes: Config.integer("HTTP_MAX_BODY_BYTES").pipe(
    Config.withDefault(4 * 1024 * 1024),
    Config.withDescription("largest request body accepted, in bytes (checked before reading it): 413 above")
  ),
  maxRpcsPerRequest: Config.integer("HTTP_MAX_RPCS_PER_REQUEST").pipe(
    Config.withDefault(100),
    Config.withDescription("most RPCs one HTTP request may carry: every one is answered RequestInvalid above")
  ),
  maxInFlight: Config.integer("HTTP_MAX_IN_FLIGHT").pipe(
    Config.withDefault(256),
    Config.withDescription("calls the pod runs at once across all requests; more wait up to HTTP_QUEUE_WAIT, then Overloaded (429)")
  ),
  queueWait: Config.duration("HTTP_QUEUE_WAIT").pipe(
    Config.withDefault(Duration.seconds(1)),
    Config.withDescription("how long a request waits for room in the in-flight budget before Overloaded")
  ),
  requestTimeout: Config.duration("HTTP_REQUEST_TIMEOUT").pipe(
    Config.withDefault(Duration.seconds(60)),
    Config.withDescription("longest a request of unary RPCs may take: calls still unanswered then are answered Unavailable")
  ),
  retryAfterMs: Config.integer("HTTP_RETRY_AFTER_MS").pipe(
    Config.withDefault(1000),
    Config.withDescription("the Retry-After an Overloaded answer suggests")
  ),
  wsMaxFrameBytes: Config.integer("WS_MAX_FRAME_BYTES").pipe(
    Config.withDefault(1024 * 1024),
    Config.withDescription("largest WebSocket message accepted, in bytes (checked from the frame header): the connection is closed with 1009 above")
  ),
  wsMaxInFlight: Config.integer("WS_MAX_IN_FLIGHT").pipe(
    Config.withDefault(100),
    Config.withDescription("calls one WebSocket connection may have in flight, streams included: more are answered Overloaded")
  ),
  wsMessagesPerSecond: Config.number("WS_MESSAGES_PER_SECOND").pipe(
    Config.validate({ message: "must be above 0", validation: (n) => n > 0 }),
    Config.withDefault(100),
    Config.withDescription("messages (requests, pings, invalid frames) one WebSocket connection may send per second, sustained (a token bucket): a request over it is answered Overloaded, other frames dropped")
  ),
  wsMessageBurst: Config.integer("WS_MESSAGE_BURST").pipe(
    Config.withDefault(200),
    Config.withDescription("messages one WebSocket connection may send at once before WS_MESSAGES_PER_SECOND applies")
  )
})

/** The limits of one server, its in-flight budget created once: `overrides` win over the environment. */
const make = (overrides: Partial<Limits.Settings> = {}): Effect.Effect<Limits, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    const settings = { ...(yield* _settings), ...overrides }
    const inFlight = yield* Effect.makeSemaphore(settings.maxInFlight)
    return { ...settings, queueWait: Duration.decode(settings.queueWait), requestTimeout: Duration.decode(settings.requestTimeout), inFlight }
  })

/** What a server enforces, with the semaphore counting its calls in flight. */
export interface Limits {
  readonly maxBodyBytes: number
  readonly maxRpcsPerRequest: number
  readonly maxInFlight: number
  readonly queueWait: Duration.Duration
  readonly requestTimeout: Duration.Duration
  readonly retryAfterMs: number
  readonly wsMaxFrameBytes: number
  readonly wsMaxInFlight: number
  readonly wsMessagesPerSecond: number
  readonly wsMessageBurst: number
  readonly inFlight: Effect.Semaphore
}

export const Limits = { make } as const

export declare namespace Limits {
  /** The settings `Server.layer({ limits })` may override. */
  interface Settings {
    readonly maxBodyBytes: number
    readonly maxRpcsPerRequest: number
    readonly maxInFlight: number
    readonly queueWait: Duration.DurationInput
    readonly requestTimeout: Duration.DurationInput
    readonly retryAfterMs: number
    readonly wsMaxFrameBytes: number
    readonly wsMaxInFlight: number
    readonly wsMessagesPerSecond: number
    readonly wsMessageBurst: number
  }
}
