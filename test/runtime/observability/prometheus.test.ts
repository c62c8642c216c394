/**
 * The Prometheus rendering of Effect's metric snapshot, one metric kind at a time: HELP and TYPE once per
 * name, labels escaped and names sanitized, histograms cumulative with `+Inf`, `_sum` and `_count`, one
 * type per name — and every page it renders passes the strict reader the pod tests use.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"
import { Prometheus } from "../../../runtime/observability/Prometheus.js"
import { PromText } from "./PromText.js"

/** A snapshot of only the metrics whose names start with `prefix` (the registry is global). */
const _render = (prefix: string) => Prometheus.render(Metric.unsafeSnapshot().filter((p) => p.metricKey.name.startsWith(prefix)))

describe("Prometheus text", () => {
  it.effect("counters and gauges: HELP and TYPE once per name, one sample per label set", () =>
    Effect.gen(function*() {
      const c = Metric.counter("t1_requests_total", { description: "Requests.\nAll of them \\ really." })
      yield* Metric.increment(Metric.tagged(c, "route", "/a"))
      yield* Metric.incrementBy(Metric.tagged(c, "route", "/b"), 2)
      yield* Metric.set(Metric.gauge("t1_depth"), 7.5)
      assert.strictEqual(_render("t1_"), [
        "# TYPE t1_depth gauge",
        "t1_depth 7.5",
        "# HELP t1_requests_total Requests.\\nAll of them \\\\ really.",
        "# TYPE t1_requests_total counter",
        `t1_requests_total{route="/a"} 1`,
        `t1_requests_total{route="/b"} 2`,
        ""
      ].join("\n"))
    }))

  it.effect("label values are escaped, names sanitized, bigints and infinities written as the format spells them", () =>
    Effect.gen(function*() {
      yield* Metric.set(Metric.tagged(Metric.gauge("t2.odd-name"), "the key", "a \"quoted\"\\path\nnext"), Number.POSITIVE_INFINITY)
      yield* Metric.set(Metric.gauge("t2_big", { bigint: true }), BigInt("9007199254740993"))
      const text = _render("t2")
      assert.include(text, `t2_odd_name{the_key="a \\"quoted\\"\\\\path\\nnext"} +Inf`)
      assert.include(text, "t2_big 9007199254740993")
      assert.deepStrictEqual(PromText.problems(text), [])
    }))

  it.effect("a histogram: cumulative buckets with le, +Inf equal to _count, and _sum", () =>
    Effect.gen(function*() {
      const h = Metric.histogram("t3_latency_seconds", MetricBoundaries.fromIterable([0.1, 1]), "Latency.")
      yield* Effect.forEach([0.05, 0.5, 0.7, 3], (v) => Metric.update(Metric.tagged(h, "entity_type", "Order"), v), { discard: true })
      const text = _render("t3_")
      assert.strictEqual(text, [
        "# HELP t3_latency_seconds Latency.",
        "# TYPE t3_latency_seconds histogram",
        `t3_latency_seconds_bucket{entity_type="Order",le="0.1"} 1`,
        `t3_latency_seconds_bucket{entity_type="Order",le="1"} 3`,
        `t3_latency_seconds_bucket{entity_type="Order",le="+Inf"} 4`,
        `t3_latency_seconds_sum{entity_type="Order"} 4.25`,
        `t3_latency_seconds_count{entity_type="Order"} 4`,
        ""
      ].join("\n"))
      assert.deepStrictEqual(PromText.problems(text), [])
    }))

  it.effect("summaries and frequencies; a name reused with another type is left out, not rendered twice", () =>
    Effect.gen(function*() {
      const s = Metric.summary({ name: "t4_sizes", maxAge: "1 minute", maxSize: 10, error: 0.01, quantiles: [0.5] })
      yield* Effect.forEach([1, 2, 3], (v) => Metric.update(s, v), { discard: true })
      yield* Metric.update(Metric.frequency("t4_kinds"), "a")
      yield* Metric.increment(Metric.counter("t4_clash"))
      yield* Metric.set(Metric.tagged(Metric.gauge("t4_clash"), "x", "1"), 5)
      const text = _render("t4_")
      assert.include(text, "# TYPE t4_sizes summary")
      assert.match(text, /^t4_sizes\{quantile="0\.5"\} [0-9.]+$/m)
      assert.include(text, "t4_sizes_count 3")
      assert.include(text, `t4_kinds{key="a"} 1`)
      assert.strictEqual(text.split("\n").filter((l) => l.startsWith("# TYPE t4_clash")).length, 1)
      assert.notInclude(text, `t4_clash{x="1"}`)
      assert.deepStrictEqual(PromText.problems(text), [])
    }))

  it("the reader used by the pod tests rejects what a scraper would", () => {
    assert.deepStrictEqual(PromText.problems("x 1\n"), ["no TYPE for: x 1"])
    assert.deepStrictEqual(PromText.problems("# TYPE x gauge\nx{a=\"1} 1\n"), ["malformed: x{a=\"1} 1"])
    assert.strictEqual(
      PromText.problems("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n").length,
      1
    )
  })
})
