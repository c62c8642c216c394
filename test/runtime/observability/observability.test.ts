/**
 * `Observability`'s settings and its tracing switch, in one process: the standard `OTEL_*` variables read
 * (and malformed ones refused), spans off when nothing exports them — unless told `TRACING=on` or the app
 * installed a tracer of its own — and spans exported to an OTLP collector (flushed when the layer closes).
 */
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"
import { Observability } from "../../../runtime/observability/Observability.js"
import { ObservabilitySettings } from "../../../runtime/observability/Settings.js"
import { Trace } from "../../../runtime/observability/Trace.js"
import * as Collector from "./Collector.js"

const _load = (env: Record<string, string>) =>
  Effect.withConfigProvider(ObservabilitySettings.load, ConfigProvider.fromMap(new Map(Object.entries(env))))

/** What a fiber sees under the layer: is tracing on, and what a span stores for a row. */
const _seen = Effect.zip(Observability.tracing, Effect.withSpan(Trace.current, "probe"))

describe("Observability settings", () => {
  it.effect("nothing is exported without an endpoint; with one, each signal under its path", () =>
    Effect.gen(function*() {
      const none = yield* _load({})
      assert.isTrue(Option.isNone(none.tracesUrl) && Option.isNone(none.metricsUrl))
      assert.strictEqual(none.serviceName, "unknown_service:node")
      const some = yield* _load({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/",
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: "http://metrics:9000/m",
        OTEL_EXPORTER_OTLP_HEADERS: "api-key=a%20b, x=1",
        OTEL_RESOURCE_ATTRIBUTES: "service.name=shop,service.instance.id=pod-1"
      })
      assert.deepStrictEqual(some.tracesUrl, Option.some("http://collector:4318/v1/traces"))
      assert.deepStrictEqual(some.metricsUrl, Option.some("http://metrics:9000/m"))
      assert.deepStrictEqual(some.headers, { "api-key": "a b", x: "1" })
      assert.strictEqual(some.serviceName, "shop")
      assert.strictEqual(some.protocol, "http/protobuf")
      const off = yield* _load({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_TRACES_EXPORTER: "none" })
      assert.isTrue(Option.isNone(off.tracesUrl) && Option.isSome(off.metricsUrl))
      const disabled = yield* _load({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_SDK_DISABLED: "true" })
      assert.isTrue(Option.isNone(disabled.tracesUrl) && Option.isNone(disabled.metricsUrl))
    }))

  it.effect("a malformed setting is a ConfigError naming it", () =>
    Effect.gen(function*() {
      const headers = yield* Effect.either(_load({ OTEL_EXPORTER_OTLP_HEADERS: "no-equals-sign" }))
      assert.isTrue(Either.isLeft(headers) && String(headers.left).includes("OTEL_EXPORTER_OTLP_HEADERS"))
      const escaped = yield* Effect.either(_load({ OTEL_EXPORTER_OTLP_HEADERS: "api-key=100%" }))
      assert.isTrue(Either.isLeft(escaped) && String(escaped.left).includes("OTEL_EXPORTER_OTLP_HEADERS"), "a stray % is a setting error, not a crash")
      const protocol = yield* Effect.either(_load({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" }))
      assert.isTrue(Either.isLeft(protocol) && String(protocol.left).includes("OTEL_EXPORTER_OTLP_PROTOCOL"))
    }))
})

describe("Observability tracing", () => {
  it.effect("off by default: no exporter, no spans — a row stores no trace", () =>
    Effect.gen(function*() {
      const settings = yield* _load({})
      const [on, parent] = yield* Effect.provide(_seen, Observability.layerWith(settings))
      assert.isFalse(on)
      assert.deepStrictEqual(parent, Trace.none)
    }))

  it.effect("on when told (TRACING=on), or when the app installed a tracer of its own", () =>
    Effect.gen(function*() {
      const [forced, parent] = yield* Effect.provide(_seen, Observability.layerWith(yield* _load({ TRACING: "on" })))
      assert.isTrue(forced)
      assert.isNotNull(parent.trace_id)
      const native = yield* Effect.tracer
      const own = Tracer.make({ span: native.span, context: native.context })
      const auto = Observability.layerWith(yield* _load({})).pipe(Layer.provide(Layer.setTracer(own)))
      const [kept] = yield* Effect.provide(_seen, auto)
      assert.isTrue(kept, "an app's own tracer keeps tracing on")
      const [off] = yield* Effect.provide(_seen, Observability.layerWith(yield* _load({ TRACING: "off" })).pipe(Layer.provide(Layer.setTracer(own))))
      assert.isFalse(off, "TRACING=off wins")
    }))

  it.scoped("with an endpoint, spans go to the collector over OTLP/JSON (not root SQL polls), flushed when the layer closes", () =>
    Effect.gen(function*() {
      const collector = yield* Collector.make
      const settings = yield* _load({
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
        OTEL_SERVICE_NAME: "unit",
        OTEL_METRICS_EXPORTER: "none"
      })
      const sql = (name: string) => Effect.withSpan(Effect.void, "sql.execute", { attributes: { name } })
      const traced = Effect.zipLeft(_seen, Effect.zipRight(sql("root"), Effect.withSpan(sql("child"), "request")))
      const [on, parent] = yield* Effect.provide(traced, Observability.layerWith(settings))
      assert.isTrue(on)
      assert.deepStrictEqual(collector.spans().filter((s) => s.name === "sql.execute").map((s) => s.attributes["name"]), ["child"])
      const probe = collector.spans().find((s) => s.name === "probe")
      assert.strictEqual(probe?.service, "unit")
      assert.deepStrictEqual(parent, { trace_id: probe?.traceId ?? "", span_id: probe?.spanId ?? "" })
    }))
})
