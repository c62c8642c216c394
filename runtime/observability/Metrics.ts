/**
 * The runtime's metrics for operators: `GET /metrics` in the Prometheus text format (`Server` serves it),
 * rendered from Effect's global metric registry — the runtime's own instruments (`ec_*`), @effect/cluster's
 * (`effect_cluster_*`) and every `Metric` the app defines — after refreshing the gauges read from state.
 */
import type * as HttpBody from "@effect/platform/HttpBody"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { Probes } from "./Probes.js"
import { Prometheus } from "./Prometheus.js"
import { ObservabilitySettings } from "./Settings.js"

/** Every metric now, as Prometheus text (the state-read gauges refreshed first). */
const text: Effect.Effect<string, never, SqlClient.SqlClient> = Probes.refresh.pipe(
  Effect.zipRight(Effect.sync(() => Prometheus.render(Metric.unsafeSnapshot())))
)

/** `GET /metrics` on a plain `HttpRouter` (`router.pipe(HttpRouter.concat(Metrics.router))`). */
const router: HttpRouter.HttpRouter<HttpBody.HttpBodyError, SqlClient.SqlClient> = HttpRouter.empty.pipe(
  HttpRouter.get("/metrics", Effect.map(text, (body) => HttpServerResponse.text(body, { contentType: Prometheus.contentType })))
)

/**
 * With OTLP metrics on (`OTEL_EXPORTER_OTLP_ENDPOINT`), the state-read gauges refreshed on the export
 * interval, so the exporter sends fresh values; nothing otherwise. The cluster layer includes it.
 */
const layer: Layer.Layer<never, never, SqlClient.SqlClient> = Layer.scopedDiscard(
  ObservabilitySettings.load.pipe(
    Effect.flatMap((s) =>
      Option.isNone(s.metricsUrl)
        ? Effect.void
        : Effect.forkScoped(Effect.repeat(Probes.refresh, Schedule.spaced(s.metricInterval)))
    ),
    Effect.orDie
  )
)

export const Metrics = {
  router,
  text,
  layer,
  /** Render a metric snapshot (`Metric.unsafeSnapshot()`) as Prometheus text. */
  render: Prometheus.render,
  contentType: Prometheus.contentType
} as const
