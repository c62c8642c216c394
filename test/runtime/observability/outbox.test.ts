/**
 * The outbox keeps the publishing span for the relay: an outbox created before the trace columns gains them
 * when the events runtime starts (PostgreSQL and SQLite), and a publish stores its span's ids — real ones
 * with tracing on, none with tracing off.
 */
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as SqlClient from "@effect/sql/SqlClient"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { EventsStore } from "../../../runtime/events/Store.js"
import { Events } from "../../../runtime/events/Events.js"
import { Postgres } from "../../../runtime/postgres/Postgres.js"

const Noted = Schema.TaggedStruct("Noted", { payload: Schema.Struct({ n: Schema.Number }) })
const publish = Events.publisher({ contract: "t", schema: Noted, key: (e) => `t.Noted/${e.payload.n}` })

/** The outbox as the first release created it: no trace columns. */
const _old = (sql: SqlClient.SqlClient) =>
  sql.unsafe(`CREATE TABLE ec_event_outbox (id ${
    sql.onDialectOrElse({ pg: () => "BIGSERIAL PRIMARY KEY", orElse: () => "INTEGER PRIMARY KEY AUTOINCREMENT" })
  }, event_id TEXT NOT NULL, contract TEXT NOT NULL,
    tag TEXT NOT NULL, event TEXT NOT NULL, subscription TEXT, replay TEXT, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`)

const _upgrades = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* _old(sql)
  yield* EventsStore.migrate(sql)
  yield* EventsStore.migrate(sql)
  yield* Effect.withTracerEnabled(publish(Noted.make({ payload: { n: 1 } })), false)
  yield* publish(Noted.make({ payload: { n: 2 } })).pipe(Effect.withSpan("caller"), Effect.withTracerEnabled(true))
  const rows = yield* EventsStore.pending(sql, 10)
  assert.deepStrictEqual(rows.map((r) => r.trace_id === null), [true, false], "tracing off stores none; on stores the span")
  assert.match(rows[1]?.span_id ?? "", /^[0-9a-f]+$/)
})

describe("the outbox's trace columns", () => {
  layer(Postgres.layerClient, { excludeTestServices: true })("PostgreSQL", (it) => {
    it.effect("an old outbox gains them at start, and a publish stores its span", () => _upgrades)
  })
  layer(Layer.orDie(SqliteClient.layer({ filename: ":memory:" })), { excludeTestServices: true })("SQLite", (it) => {
    it.effect("an old outbox gains them at start, and a publish stores its span", () => _upgrades)
  })
})
