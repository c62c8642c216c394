/**
 * A fresh PostgreSQL database for the events tests, with the shop's tables created up front, and the
 * queries the tests assert on: committed sales, side effects, dead letters and what is left in the outbox.
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Shop } from "./Shop.js"

const make = Effect.gen(function*() {
  const { url } = yield* Postgres.database("events")
  const context = yield* Layer.build(PgClient.layer({ url: Redacted.make(url) }))
  const run = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
    Effect.flatMap(SqlClient.SqlClient, f).pipe(Effect.provide(context), Effect.orDie)
  yield* run(Shop.tables)
  return {
    url,
    run,
    /** Ids of the sales that committed. */
    committed: run((sql) => sql<{ id: number }>`SELECT id FROM ev_sales ORDER BY id`).pipe(Effect.map((r) => r.map((x) => x.id))),
    /** Every side effect: subscription, event id, pod, attempt. */
    effects: run((sql) =>
      sql<{ subscription: string; event_id: string; pod: string; attempt: number }>`
        SELECT subscription, event_id, pod, attempt FROM ev_effects`
    ),
    /** Milliseconds from a sale's commit to its mailer side effect. */
    latencies: run((sql) =>
      sql<{ ms: number; pod: string }>`SELECT extract(epoch from (e.at - s.at)) * 1000 AS ms, e.pod FROM ev_effects e
        JOIN ev_sales s ON e.event_id = 'shop.Sale/' || s.id WHERE e.subscription = 'mailer.Notify' ORDER BY ms`
    ).pipe(Effect.map((r) => r.map((x) => ({ ms: Number(x.ms), pod: x.pod })))),
    deadLetters: run((sql) => sql<{ subscription: string; event_id: string }>`SELECT subscription, event_id FROM ec_event_dead_letters`),
    outbox: run((sql) => sql<{ n: string }>`SELECT count(*) AS n FROM ec_event_outbox`).pipe(Effect.map((r) => Number(r[0]?.n ?? 0))),
    /** A relay that crashed after sending but before deleting: the same outbox rows appended again. */
    resend: (ids: ReadonlyArray<number>) =>
      run((sql) =>
        sql`INSERT INTO ec_event_outbox ${
          sql.insert(ids.map((id) => ({
            event_id: `shop.Sale/${id}`,
            contract: "shop",
            tag: "Sale",
            event: JSON.stringify({ _tag: "Sale", payload: { id, amount: 1 } })
          })))
        }`
      )
  }
})

export const EventsDb = { make } as const
