/**
 * OpenTelemetry for every app: traces and metrics exported over OTLP/HTTP by @effect/opentelemetry's
 * SDK-free `OtlpTracer` / `OtlpMetrics` when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, and Effect's spans
 * switched off when nothing would export them (they cost CPU on every message). The cluster layer builds it
 * first, so every fiber of the app — the cluster's included — sees the tracer; it never instruments code.
 */
import * as OtlpMetrics from "@effect/opentelemetry/OtlpMetrics"
import * as OtlpSerialization from "@effect/opentelemetry/OtlpSerialization"
import * as OtlpTracer from "@effect/opentelemetry/OtlpTracer"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"
import { ObservabilitySettings } from "./Settings.js"

type _Settings = ObservabilitySettings.Settings

/** The tracer Effect starts with: another one in place was installed by the app (e.g. `NodeSdk`). */
const _native: Tracer.Tracer = Effect.runSync(Effect.tracer)

/** Whether spans are created: `on` / `off` as told; `auto` when they are exported or the app has its own tracer. */
const _enabled = (s: _Settings, current: Tracer.Tracer): boolean =>
  s.tracing === "on" || (s.tracing === "auto" && (Option.isSome(s.tracesUrl) || current !== _native))

const _resource = (s: _Settings) => ({ serviceName: s.serviceName, attributes: s.attributes })

/**
 * `tracer` without root SQL spans: a statement with no parent is a background poll (the webhook queue, the
 * relay's sweep, the storage loops), several a second per pod — a trace of one span each, noise. They stay
 * Effect's own in-process spans and are never exported; a statement inside a traced request is exported.
 */
const _quietRoots = (tracer: Tracer.Tracer): Tracer.Tracer =>
  Tracer.make({
    span: (name, parent, ...rest) =>
      Option.isNone(parent) && name.startsWith("sql.") ? _native.span(name, parent, ...rest) : tracer.span(name, parent, ...rest),
    context: tracer.context
  })

/** The OTLP exporters for the signals that have a URL; nothing at all when none has. */
const _exporters = (s: _Settings): Layer.Layer<never> => {
  const traces = Option.match(s.tracesUrl, {
    onNone: () => Layer.empty,
    onSome: (url) =>
      Layer.unwrapScoped(Effect.map(
        OtlpTracer.make({ url, resource: _resource(s), headers: s.headers, exportInterval: s.traceInterval }),
        (tracer) => Layer.setTracer(_quietRoots(tracer))
      ))
  })
  const metrics = Option.match(s.metricsUrl, {
    onNone: () => Layer.empty,
    onSome: (url) => OtlpMetrics.layer({ url, resource: _resource(s), headers: s.headers, exportInterval: s.metricInterval })
  })
  return Option.isNone(s.tracesUrl) && Option.isNone(s.metricsUrl)
    ? Layer.empty
    : Layer.merge(traces, metrics).pipe(
      Layer.provide(s.protocol === "http/json" ? OtlpSerialization.layerJson : OtlpSerialization.layerProtobuf),
      Layer.provide(FetchHttpClient.layer)
    )
}

/**
 * Spans on or off (without spans, no span timing either), then the exporters. Provide it beneath
 * everything that should be traced: fibers forked before it was built keep the old setting.
 */
const layerWith = (settings: _Settings): Layer.Layer<never> =>
  _exporters(settings).pipe(
    Layer.provideMerge(Layer.unwrapEffect(Effect.map(Effect.tracer, (current) =>
      _enabled(settings, current)
        ? Layer.empty
        : Layer.merge(Layer.setTracerEnabled(false), Layer.setTracerTiming(false))
    )))
  )

/** `layerWith` the settings of the environment (`OTEL_*`, `TRACING`); a malformed one fails with its `ConfigError`. */
const layer: Layer.Layer<never, ConfigError.ConfigError> = Layer.unwrapEffect(Effect.map(ObservabilitySettings.load, layerWith))

/** Whether this fiber creates real spans now (false under `TRACING=auto` with nothing exporting). */
const tracing: Effect.Effect<boolean> = FiberRef.get(FiberRef.currentTracerEnabled)

export const Observability = { layer, layerWith, tracing, settings: ObservabilitySettings.config } as const

export declare namespace Observability {
  /** What `layer` reads from the environment. */
  type Settings = ObservabilitySettings.Settings
  /** `auto` (spans only when exported), `on`, `off`: the `TRACING` variable. */
  type Tracing = ObservabilitySettings.Tracing
}
