/**
 * `/metrics` is on the public port: a flood of scrapes shares the database reads behind the state-read
 * gauges (at most one refresh a second) instead of running four SQL counts per request, and the page each
 * scrape gets is still complete and current to within that second.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import { Metrics } from "../../../runtime/observability/Metrics.js"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { PromText } from "./PromText.js"

const _refreshes = () =>
  Metric.unsafeSnapshot().filter((p) => p.metricKey.name === "ec_metrics_probe_refreshes_total")
    .reduce((n, p) => n + Number((p.metricState as unknown as { readonly count: number }).count), 0)

layer(Postgres.layerClient, { timeout: "60 seconds", excludeTestServices: true })("/metrics under a flood of scrapes", (it) => {
  it.effect("200 concurrent scrapes refresh the database gauges about once, and each page is whole", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE ec_event_dead_letters (subscription text, event_id text, event text, error text)`
      yield* sql`INSERT INTO ec_event_dead_letters VALUES ('s', 'e/1', '{}', 'boom'), ('s', 'e/2', '{}', 'boom')`
      const before = _refreshes()
      const pages = yield* Effect.all(Array.from({ length: 200 }, () => Metrics.text), { concurrency: "unbounded" })
      const refreshes = _refreshes() - before
      // One refresh serves the flood; a stall of over a second mid-flood may add one or two, never one per scrape.
      assert.isAtLeast(refreshes, 1)
      assert.isAtMost(refreshes, 3, `${refreshes} refreshes for 200 scrapes`)
      pages.forEach((page) => {
        assert.deepStrictEqual(PromText.problems(page), [])
        assert.strictEqual(PromText.parse(page).get("ec_events_dead_letters"), 2)
      })
      // A scrape after the second has passed reads the database again.
      yield* sql`DELETE FROM ec_event_dead_letters WHERE event_id = 'e/1'`
      yield* Effect.sleep("1100 millis")
      assert.strictEqual(PromText.parse(yield* Metrics.text).get("ec_events_dead_letters"), 1)
    }))
})
