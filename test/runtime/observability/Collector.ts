/**
 * A real OTLP/HTTP collector for tests, in process: a node:http server on a free port that accepts OTLP
 * JSON on `/v1/traces` and `/v1/metrics` (what pods export with `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`)
 * and keeps every span and metric data point with its resource's `service.instance.id`; `/hook` is a
 * webhook endpoint that records the headers it was called with (to see `traceparent`).
 */
import * as Effect from "effect/Effect"
import { createServer } from "node:http"
import type { IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

interface _KeyValue {
  readonly key: string
  readonly value: { readonly stringValue?: string; readonly intValue?: number | string; readonly boolValue?: boolean; readonly doubleValue?: number }
}

/** One received span, flattened. */
export interface Span {
  readonly instance: string
  readonly service: string
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId: string
  readonly name: string
  readonly kind: number
  readonly attributes: Readonly<Record<string, unknown>>
}

/** One received metric: its name and how many data points it carried, by instance. */
export interface MetricSeen {
  readonly instance: string
  readonly name: string
  readonly points: number
}

export interface Collector {
  /** The base URL pods get as `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly endpoint: string
  readonly spans: () => ReadonlyArray<Span>
  readonly metrics: () => ReadonlyArray<MetricSeen>
  /** The headers of every request `/hook` received. */
  readonly hooks: () => ReadonlyArray<IncomingHttpHeaders>
}

const _attributes = (list: ReadonlyArray<_KeyValue> | undefined): Record<string, unknown> =>
  Object.fromEntries((list ?? []).map((kv) => [kv.key, kv.value.stringValue ?? kv.value.intValue ?? kv.value.boolValue ?? kv.value.doubleValue]))

interface _Resource {
  readonly resource?: { readonly attributes?: ReadonlyArray<_KeyValue> }
}

interface _Traces {
  readonly resourceSpans?: ReadonlyArray<_Resource & {
    readonly scopeSpans?: ReadonlyArray<{
      readonly spans?: ReadonlyArray<{
        readonly traceId: string
        readonly spanId: string
        readonly parentSpanId?: string
        readonly name: string
        readonly kind: number
        readonly attributes?: ReadonlyArray<_KeyValue>
      }>
    }>
  }>
}

interface _Metrics {
  readonly resourceMetrics?: ReadonlyArray<_Resource & {
    readonly scopeMetrics?: ReadonlyArray<{
      readonly metrics?: ReadonlyArray<{
        readonly name: string
        readonly sum?: { readonly dataPoints: ReadonlyArray<unknown> }
        readonly gauge?: { readonly dataPoints: ReadonlyArray<unknown> }
        readonly histogram?: { readonly dataPoints: ReadonlyArray<unknown> }
      }>
    }>
  }>
}

const _who = (r: _Resource) => {
  const attributes = _attributes(r.resource?.attributes)
  return { instance: String(attributes["service.instance.id"] ?? ""), service: String(attributes["service.name"] ?? "") }
}

/** Start the collector; closed when the scope closes. */
export const make = Effect.acquireRelease(
  Effect.async<Collector & { readonly close: () => void }>((resume) => {
    const spans: Array<Span> = []
    const metrics: Array<MetricSeen> = []
    const hooks: Array<IncomingHttpHeaders> = []
    const onTraces = (body: _Traces) =>
      (body.resourceSpans ?? []).forEach((r) =>
        (r.scopeSpans ?? []).forEach((s) =>
          (s.spans ?? []).forEach((span) =>
            spans.push({
              ..._who(r),
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? "",
              name: span.name,
              kind: span.kind,
              attributes: _attributes(span.attributes)
            })
          )
        )
      )
    const onMetrics = (body: _Metrics) =>
      (body.resourceMetrics ?? []).forEach((r) =>
        (r.scopeMetrics ?? []).forEach((s) =>
          (s.metrics ?? []).forEach((m) =>
            metrics.push({ ..._who(r), name: m.name, points: (m.sum ?? m.gauge ?? m.histogram)?.dataPoints.length ?? 0 })
          )
        )
      )
    const server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8")
        const json = (): unknown => JSON.parse(text === "" ? "{}" : text)
        const handled = req.url === "/v1/traces"
          ? onTraces(json() as _Traces)
          : req.url === "/v1/metrics"
          ? onMetrics(json() as _Metrics)
          : req.url === "/hook"
          ? void hooks.push(req.headers)
          : "unknown"
        res.writeHead(handled === "unknown" ? 404 : 200, { "content-type": "application/json" }).end("{}")
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port
      resume(Effect.succeed({
        endpoint: `http://127.0.0.1:${port}`,
        spans: () => spans,
        metrics: () => metrics,
        hooks: () => hooks,
        close: () => {
          server.closeAllConnections()
          server.close()
        }
      }))
    })
  }),
  (collector) => Effect.sync(() => collector.close())
)
