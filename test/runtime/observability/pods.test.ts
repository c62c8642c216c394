/**
 * Traces and metrics of two real pod processes on embedded PostgreSQL, which export to an in-process OTLP
 * collector because `OTEL_EXPORTER_OTLP_ENDPOINT` is set (the pod has no tracing or metrics code). One
 * public RPC on pod a, for an order whose entity lives on pod b, is one trace: the server span, the entity
 * call on b, the event's publish, its relay and its subscription handler, and the webhook's delivery, each
 * span's parent in the trace; the webhook request carries the trace in `traceparent`. `/metrics` on both
 * pods is valid Prometheus text whose counters, latency histogram and gauges follow the messages.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Webhooks } from "../../../runtime/webhooks/Webhooks.js"
import { Pods } from "../cluster/Pods.js"
import type * as Collector from "./Collector.js"
import * as SqlClient from "@effect/sql/SqlClient"
import { buy, layer as world, scrape, until, World } from "./ObsPods.js"
import { PromText } from "./PromText.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.layerClient, Webhooks.layerKeys())

/** The span names one request must produce, in order from the root down to the webhook's HTTP request. */
const _path = [
  "http.server POST",
  "RpcServer.Buy",
  "ObsShop.client.Buy",
  "ObsShop(%).Buy",
  "Events.publish",
  "Events.relay",
  "%/EventSubscriber.client.Deliver",
  "%/EventSubscriber(%).Deliver",
  "Events.handle",
  "Webhooks.send",
  "Webhooks.attempt",
  "http.client POST"
]

const _matches = (pattern: string) => (name: string) =>
  new RegExp(`^${pattern.replace(/[.()]/g, "\\$&").replaceAll("%", ".+")}$`).test(name)

/** The names from `span` up to the root (root first). */
const _ancestry = (spans: ReadonlyArray<Collector.Span>, span: Collector.Span): ReadonlyArray<Collector.Span> => {
  const byId = new Map(spans.map((s) => [s.spanId, s]))
  const up = (s: Collector.Span, seen: ReadonlyArray<Collector.Span>): ReadonlyArray<Collector.Span> => {
    const parent = byId.get(s.parentSpanId)
    return parent === undefined || seen.includes(parent) ? [s, ...seen] : up(parent, [s, ...seen])
  }
  return up(span, [])
}

/** The webhook's HTTP request span. */
const _request = (spans: ReadonlyArray<Collector.Span>, endpoint: string) =>
  spans.find((s) => s.name === "http.client POST" && s.attributes["url.full"] === `${endpoint}/hook`)

/** Spans whose parent is not in the trace. */
const _orphans = (spans: ReadonlyArray<Collector.Span>) =>
  spans.filter((s) => s.parentSpanId !== "" && !spans.some((p) => p.spanId === s.parentSpanId)).map((s) => s.name)

const _describe = (spans: ReadonlyArray<Collector.Span>) =>
  spans.map((s) => `${s.instance} ${s.name} ${s.spanId}<-${s.parentSpanId || "root"}`).join("\n")

/**
 * An order id whose `ObsShop` runs on pod b (asked of both pods). Pod b may hold only a few shards right after
 * it is ready (the rest move over while it runs), so the search is repeated until one is found.
 */
const _onB = (w: World["Type"]) => {
  const ids = Array.from({ length: 64 }, (_, i) => `ord-${i}`)
  const local = (pod: Pods.Pod, id: string) => Effect.map(Pods.call(pod, "GET", `/local/${id}`), (r) => (r as { local: boolean }).local)
  return until(
    Effect.findFirst(ids, (id) => Effect.zipWith(local(w.a, id), local(w.b, id), (a, b) => !a && b)),
    Option.isSome,
    "an order whose shop is on pod b"
  ).pipe(Effect.flatMap(Effect.orDie))
}

layer(world.pipe(Layer.provideMerge(_env)), { timeout: "180 seconds", excludeTestServices: true })("OpenTelemetry", (it) => {
  it.effect("one public RPC is one trace across both pods, from its server span to the webhook's request", () =>
    Effect.gen(function*() {
      const w = yield* World
      yield* Webhooks.register({ webhook: "obs.Receipt", url: `${w.collector.endpoint}/hook` })
      const id = yield* _onB(w)
      assert.strictEqual(yield* buy(w.a, id), "Success")

      const root = yield* until(
        Effect.sync(() => w.collector.spans().find((s) => s.instance === "a" && s.name === "http.server POST" && s.attributes["url.path"] === "/rpc/obs")),
        (s) => s !== undefined,
        "the RPC's server span"
      ).pipe(Effect.map((s) => s!))
      const inTrace = () => w.collector.spans().filter((s) => s.traceId === root.traceId)
      // Parents end after their children: wait until the path is there, linked up to the root, with no orphan.
      const complete = (all: ReadonlyArray<Collector.Span>) => {
        const request = _request(all, w.collector.endpoint)
        return _path.every((p) => all.some((s) => _matches(p)(s.name))) && request !== undefined &&
          _ancestry(all, request)[0]?.spanId === root.spanId && _orphans(all).length === 0
      }
      const spans = yield* until(Effect.sync(inTrace), complete, "the whole trace").pipe(
        Effect.catchAll(() => Effect.dieMessage(`spans of trace ${root.traceId}:\n${_describe(inTrace())}`))
      )
      const hook = yield* until(Effect.sync(() => w.collector.hooks()), (h) => h.length > 0, "the webhook request").pipe(Effect.map((h) => h[0]!))

      const chain = _ancestry(spans, _request(spans, w.collector.endpoint)!)
      assert.strictEqual(chain[0]?.spanId, root.spanId, `the webhook request descends from the RPC's server span:\n${_describe(chain)}`)
      assert.strictEqual(root.parentSpanId, "", "the server span is the root")
      const names = chain.map((s) => s.name)
      const positions = _path.map((p) => names.findIndex(_matches(p)))
      assert.deepStrictEqual(positions, [...positions].sort((x, y) => x - y), `the path in order:\n${names.join("\n")}`)
      assert.isTrue(positions.every((i) => i >= 0), `every hop on the path:\n${names.join("\n")}`)

      const entity = chain.find((s) => _matches("ObsShop(%).Buy")(s.name))
      assert.strictEqual(entity?.instance, "b", "the entity's server span is on pod b")
      assert.strictEqual(chain.find((s) => s.name === "Events.publish")?.instance, "b", "the event is published on pod b")
      assert.deepStrictEqual(new Set(spans.map((s) => s.instance)), new Set(["a", "b"]), "spans from both pods")
      assert.deepStrictEqual(_orphans(spans), [], "every parent is in the trace")
      assert.strictEqual(String(hook["traceparent"]).split("-")[1], root.traceId, "the webhook request carries the trace")
      yield* Effect.log(`trace ${root.traceId}: ${spans.length} spans (${spans.filter((s) => s.instance === "a").length} on a), path:\n${names.join(" > ")}`)
    }), { timeout: 180_000 })
  it.effect("/metrics is Prometheus text on every pod, and its counters, histogram and gauges follow the messages", () =>
    Effect.gen(function*() {
      const w = yield* World
      const sql = yield* SqlClient.SqlClient
      const both = Effect.all([scrape(w.a), scrape(w.b)])
      const before = yield* both
      const ids = Array.from({ length: 6 }, (_, i) => `m-${i}`)
      const exits = yield* Effect.forEach([...ids, "bad-1"], (id, i) => buy(i % 2 === 0 ? w.a : w.b, id), { concurrency: 3 })
      assert.deepStrictEqual(exits, [...ids.map(() => "Success"), "Failure"])
      yield* sql`INSERT INTO ec_webhook_dead_letters (id, message_id, endpoint_id, webhook, body, policy, generation, status,
        attempts, last_error, dead_at) VALUES ('dl_test', 'msg_x', 'ep_x', 'obs.Receipt', '{}', '{}', 0, 'dead', 3, 'HTTP 500', 0)`
      yield* sql`INSERT INTO ec_event_dead_letters (subscription, event_id, event, error) VALUES ('obs.Notify', 'obs.Bought/x', '{}', 'boom')`
      const delta = (after: ReadonlyArray<PromText.Scrape>, key: string) => PromText.sum(after, key) - PromText.sum(before, key)
      const delivered = `ec_webhooks_deliveries_total{status="delivered",webhook="obs.Receipt"}`
      const after = yield* until(
        both,
        // The gauges read from the database are refreshed at most once a second: wait for the dead letters too.
        (s) => delta(s, `ec_webhooks_attempts_total{outcome="Delivered"}`) >= ids.length && delta(s, delivered) >= ids.length &&
          s.every((x) => x.samples.get("ec_events_dead_letters") === 1),
        "every webhook delivered, the dead letters seen"
      ).pipe(Effect.catchAll(() => Effect.flatMap(both, (s) => Effect.dieMessage(`scrapes:\n${s.map((x) => x.text).join("\n----\n")}`))))

      after.forEach((s) => {
        assert.strictEqual(s.contentType, "text/plain; version=0.0.4; charset=utf-8")
        assert.deepStrictEqual(PromText.problems(s.text), [], "well-formed exposition")
      })
      assert.strictEqual(delta(after, `ec_cluster_messages_stored_total{entity_type="ObsShop"}`), ids.length + 1, "stored once each")
      assert.isAtLeast(delta(after, `ec_cluster_messages_processed_total{entity_type="ObsShop"}`), ids.length + 1)
      assert.isAtLeast(delta(after, `ec_cluster_messages_failed_total{entity_type="ObsShop"}`), 1)
      assert.isAtLeast(delta(after, `ec_cluster_message_latency_seconds_count{entity_type="ObsShop"}`), ids.length + 1)
      assert.isAbove(delta(after, `ec_cluster_message_latency_seconds_sum{entity_type="ObsShop"}`), 0)
      assert.isAtLeast(delta(after, "ec_events_relayed_total"), ids.length)
      assert.strictEqual(PromText.sum(after, "ec_cluster_shards_owned"), 300, "every shard held once")
      assert.strictEqual(PromText.sum(after, "ec_events_relay_active"), 1, "one relay in the cluster")
      assert.strictEqual(PromText.sum(after, "ec_events_relay_listening"), 1, "the relay hears commits")
      after.forEach((s) => {
        assert.strictEqual(s.samples.get(`ec_webhooks_dead_letters{webhook="obs.Receipt"}`), 1, "the dead letter, cluster-wide")
        assert.strictEqual(s.samples.get("ec_events_dead_letters"), 1)
        assert.isAtLeast(s.samples.get("ec_cluster_messages_waiting") ?? -1, 0)
        assert.isAtLeast(s.samples.get("ec_events_outbox_lag_seconds") ?? -1, 0)
        assert.isAbove(s.samples.get("effect_cluster_shards") ?? 0, 0, "the library's own metrics too")
      })
      const exported = (instance: string) => w.collector.metrics().filter((m) => m.instance === instance).map((m) => m.name)
      yield* until(Effect.sync(() => ["a", "b"].map(exported)), (names) =>
        names.every((n) => n.includes("ec_cluster_messages_processed_total") && n.includes("ec_cluster_message_latency_seconds")), "OTLP metrics")
    }), { timeout: 120_000 })
})
