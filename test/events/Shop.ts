/**
 * The events tests' app: a `shop` contract's events with two subscriptions, written against the events
 * runtime the way generated code uses it. Every handler side effect is one row in `ev_effects` (no
 * unique constraint: a repeated side effect shows up as a second row).
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Events } from "../../runtime/Events.js"

const Sale = Schema.TaggedStruct("Sale", { payload: Schema.Struct({ id: Schema.Int, amount: Schema.Number.pipe(Schema.positive()) }) })
const Refund = Schema.TaggedStruct("Refund", { payload: Schema.Struct({ id: Schema.Int }) })
const Any = Schema.Union(Sale, Refund)

/** Sales whose id is a multiple of this fail in the ledger every time: poison events. */
const poison = 97

const publish = Events.publisher({ contract: "shop", schema: Any, key: (e) => `shop.${e._tag}/${e.payload.id}` })

/** The side effect and the delivery's acknowledgement, in one transaction. */
const _record = (subscription: string, delivery: Events.Delivery) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(Effect.zipRight(
      sql`INSERT INTO ev_effects (subscription, event_id, pod, attempt) VALUES (${subscription}, ${delivery.eventId}, ${
        process.env["POD_NAME"] ?? "?"
      }, ${delivery.attempt})`,
      delivery.acknowledge
    )))

/** A poison sale, unless the test has since cured it (then a replay of its dead letter succeeds). */
const _refused = (event: typeof Any.Type) =>
  event._tag === "Sale" && event.payload.id % poison === 0
    ? Effect.flatMap(SqlClient.SqlClient, (sql) => sql`SELECT id FROM ev_cured WHERE id = ${event.payload.id}`).pipe(
      Effect.map((rows) => rows.length === 0)
    )
    : Effect.succeed(false)

const subscriptions = Layer.mergeAll(
  Events.subscription({
    name: "ledger.Record",
    contract: "shop",
    events: ["Sale", "Refund"],
    schema: Any,
    handle: (event, delivery) =>
      Effect.if(_refused(event), {
        onTrue: () => Effect.fail(`ledger refuses sale ${event.payload.id}`),
        onFalse: () => _record("ledger.Record", delivery)
      })
  }),
  Events.subscription({
    name: "mailer.Notify",
    contract: "shop",
    events: ["Sale"],
    schema: Sale,
    handle: (_, delivery) => _record("mailer.Notify", delivery)
  })
).pipe(Layer.provideMerge(Events.layer))

const tables = (sql: SqlClient.SqlClient) =>
  Effect.all([
    sql`CREATE TABLE IF NOT EXISTS ev_cured (id int PRIMARY KEY)`,
    sql`CREATE TABLE IF NOT EXISTS ev_sales (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    sql`CREATE TABLE IF NOT EXISTS ev_effects (subscription text NOT NULL, event_id text NOT NULL, pod text NOT NULL,
      attempt int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`
  ], { discard: true })

export const Shop = { Sale, Refund, Any, publish, subscriptions, tables, poison } as const
