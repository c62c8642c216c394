/**
 * The observability settings, read once through Effect `Config` from the standard OpenTelemetry variables
 * (`OTEL_EXPORTER_OTLP_*`, `OTEL_SERVICE_NAME`, …) and `TRACING`. Only reads and validates: building the
 * exporters is `Observability`'s job.
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"

/** Whether Effect creates spans: `auto` only when something exports them; `on` always; `off` never. */
type _Tracing = "auto" | "on" | "off"

interface _Settings {
  /** Where traces go (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`); none: not exported. */
  readonly tracesUrl: Option.Option<string>
  /** Where metrics go (`…_METRICS_ENDPOINT`, else `<endpoint>/v1/metrics`); none: not exported. */
  readonly metricsUrl: Option.Option<string>
  readonly protocol: "http/protobuf" | "http/json"
  readonly headers: Readonly<Record<string, string>>
  /** `OTEL_SERVICE_NAME`, else `service.name` of `OTEL_RESOURCE_ATTRIBUTES`, else `unknown_service:node`. */
  readonly serviceName: string
  /** `OTEL_RESOURCE_ATTRIBUTES`: the resource's other attributes (`service.instance.id=pod-a,…`). */
  readonly attributes: Readonly<Record<string, string>>
  readonly traceInterval: Duration.Duration
  readonly metricInterval: Duration.Duration
  readonly tracing: _Tracing
}

/** A URL-encoded value, or undefined when it is malformed (a stray `%`): reported as a setting error, not a crash. */
const _uriDecoded = (text: string): string | undefined => Either.getOrUndefined(Either.try(() => decodeURIComponent(text)))

/** `k=v,k2=v2` with URL-encoded values, as the OpenTelemetry spec writes headers and resource attributes. */
const _pairs = (text: string): Either.Either<Record<string, string>, string> => {
  const entries = text.split(",").map((part) => part.trim()).filter((part) => part !== "").map((part) => {
    const i = part.indexOf("=")
    const value = i <= 0 ? undefined : _uriDecoded(part.slice(i + 1).trim())
    return value === undefined ? undefined : [part.slice(0, i).trim(), value] as const
  })
  return entries.every((e) => e !== undefined)
    ? Either.right(Object.fromEntries(entries))
    : Either.left(`expected key=value pairs separated by commas, got "${text}"`)
}

const _record = (name: string, description: string) =>
  Config.string(name).pipe(
    Config.withDefault(""),
    Config.mapOrFail((text) => Either.mapLeft(_pairs(text), (message) => ConfigError.InvalidData([name], message))),
    Config.withDescription(description)
  )

/** A signal's URL: its own variable as is, else the base endpoint with the signal's path. */
const _signal = (own: Option.Option<string>, base: Option.Option<string>, path: string) =>
  Option.orElse(own, () => Option.map(base, (url) => `${url.replace(/\/+$/, "")}${path}`))

/** `none` turns one signal's export off (`OTEL_TRACES_EXPORTER`, `OTEL_METRICS_EXPORTER`); `otlp` is the default. */
const _exporter = (name: string) =>
  Config.literal("otlp", "none")(name).pipe(Config.withDefault("otlp" as const))

const _millis = (name: string, fallback: number) =>
  Config.integer(name).pipe(Config.withDefault(fallback), Config.map(Duration.millis))

/** Every setting; a malformed value is a `ConfigError` naming the variable. */
const config: Config.Config<_Settings> = Config.all({
  endpoint: Config.string("OTEL_EXPORTER_OTLP_ENDPOINT").pipe(
    Config.option,
    Config.withDescription("base URL of an OTLP/HTTP collector (…/v1/traces, …/v1/metrics); unset: nothing is exported")
  ),
  tracesEndpoint: Config.string("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").pipe(Config.option),
  metricsEndpoint: Config.string("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT").pipe(Config.option),
  disabled: Config.boolean("OTEL_SDK_DISABLED").pipe(Config.withDefault(false)),
  traces: _exporter("OTEL_TRACES_EXPORTER"),
  metrics: _exporter("OTEL_METRICS_EXPORTER"),
  protocol: Config.literal("http/protobuf", "http/json")("OTEL_EXPORTER_OTLP_PROTOCOL").pipe(
    Config.withDefault("http/protobuf" as const)
  ),
  headers: _record("OTEL_EXPORTER_OTLP_HEADERS", "headers sent with every OTLP export, e.g. an API key (k=v,k2=v2)"),
  attributes: _record("OTEL_RESOURCE_ATTRIBUTES", "attributes of the resource exported with every span and metric (k=v,k2=v2)"),
  serviceName: Config.string("OTEL_SERVICE_NAME").pipe(Config.option),
  traceInterval: _millis("OTEL_BSP_SCHEDULE_DELAY", 5_000),
  metricInterval: _millis("OTEL_METRIC_EXPORT_INTERVAL", 60_000),
  tracing: Config.literal("auto", "on", "off")("TRACING").pipe(
    Config.withDefault("auto" as const),
    Config.withDescription("auto: spans only when exported (or the app installed a tracer of its own); on: always; off: never")
  )
}).pipe(Config.map((s): _Settings => ({
  tracesUrl: s.disabled || s.traces === "none" ? Option.none() : _signal(s.tracesEndpoint, s.endpoint, "/v1/traces"),
  metricsUrl: s.disabled || s.metrics === "none" ? Option.none() : _signal(s.metricsEndpoint, s.endpoint, "/v1/metrics"),
  protocol: s.protocol,
  headers: s.headers,
  serviceName: Option.getOrElse(s.serviceName, () => s.attributes["service.name"] ?? "unknown_service:node"),
  attributes: s.attributes,
  traceInterval: s.traceInterval,
  metricInterval: s.metricInterval,
  tracing: s.tracing
})))

/** The settings from the environment (or the current `ConfigProvider`). */
const load: Effect.Effect<_Settings, ConfigError.ConfigError> = config

export const ObservabilitySettings = { config, load } as const

export declare namespace ObservabilitySettings {
  type Settings = _Settings
  type Tracing = _Tracing
}
