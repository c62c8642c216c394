/**
 * A fresh PostgreSQL database for one multi-pod test, with the probe app's tables created up front and
 * the queries the tests assert on: side effects (per message id and pod) and schedule ticks.
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { Postgres } from "../../../runtime/postgres/Postgres.js"

const make = Effect.gen(function*() {
  const { url } = yield* Postgres.database("probe")
  const context = yield* Layer.build(PgClient.layer({ url: Redacted.make(url) }))
  const sql = SqlClient.SqlClient.pipe(Effect.provide(context))
  const run = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) => Effect.flatMap(sql, f).pipe(Effect.orDie)
  yield* run((sql) =>
    Effect.all([
      sql`CREATE TABLE IF NOT EXISTS probe_effects (
        message_id text PRIMARY KEY, pod text NOT NULL, attempts int NOT NULL DEFAULT 1, at timestamptz NOT NULL DEFAULT now())`,
      sql`CREATE TABLE IF NOT EXISTS probe_ticks (pod text NOT NULL, scheduled timestamptz, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
      sql`CREATE TABLE IF NOT EXISTS probe_runs (
        entity text NOT NULL, message_id text NOT NULL, pod text NOT NULL, started timestamptz NOT NULL, ended timestamptz NOT NULL)`
    ])
  )
  return {
    url,
    /** Side effects (one row per message id), handler runs (attempts, > rows after redeliveries), and where. */
    effects: run((sql) =>
      Effect.all({
        totals: sql<{ total: string; runs: string }>`SELECT count(*) AS total, coalesce(sum(attempts), 0) AS runs FROM probe_effects`,
        byPod: sql<{ pod: string; count: string }>`SELECT pod, count(*) AS count FROM probe_effects GROUP BY pod ORDER BY pod`
      })
    ).pipe(Effect.map(({ byPod, totals }) => ({
      total: Number(totals[0]?.total ?? 0),
      runs: Number(totals[0]?.runs ?? 0),
      byPod: byPod.map((p) => ({ pod: p.pod, count: Number(p.count) }))
    }))),
    /**
     * Handler runs that wrote their effect (`probe_runs`), and the pairs of them on two pods for one entity
     * whose [start, commit] intervals intersect: an entity handled by two pods at once.
     */
    runs: run((sql) =>
      Effect.all({
        runs: sql<{ n: string }>`SELECT count(*) AS n FROM probe_runs`,
        overlaps: sql<{ entity: string; first: string; second: string }>`
          SELECT x.entity, x.pod || ' ' || x.started || '..' || x.ended AS first, y.pod || ' ' || y.started || '..' || y.ended AS second
          FROM probe_runs x JOIN probe_runs y ON x.entity = y.entity AND x.pod < y.pod
          AND x.started < y.ended AND y.started < x.ended`
      })
    ).pipe(Effect.map(({ overlaps, runs }) => ({ runs: Number(runs[0]?.n ?? 0), overlaps }))),
    /** Ticks (scheduled and actual time, epoch ms) scheduled at or after `since`. */
    ticksSince: (since: number) =>
      run((sql) =>
        sql<{ pod: string; scheduled: string; at: string }>`
          SELECT pod, (extract(epoch from scheduled) * 1000)::bigint AS scheduled, (extract(epoch from at) * 1000)::bigint AS at
          FROM probe_ticks WHERE scheduled >= to_timestamp(${since / 1000}) ORDER BY scheduled`
      ).pipe(Effect.map((rows) => rows.map((r) => ({ pod: r.pod, scheduled: Number(r.scheduled), at: Number(r.at) }))))
  }
})

export const ProbeDb = {
  make,
  /** How often tests poll for a condition. */
  poll: Schedule.spaced("200 millis")
} as const
