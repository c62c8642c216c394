// Handler stub created by effect-contracts from test/runtime/events/app/contracts/ledger.contract.ts. Yours to edit: codegen never overwrites it.
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import type { RecordSubscription } from "../../../generated/ledger/subscriptions/Record.js"
import { Effects } from "../../../Effects.js"

/** A poison sale (id a multiple of `Effects.poison`), unless the test has since cured it. */
const _refused = (event: RecordSubscription.Event) =>
  event._tag === "Sale" && event.payload.id % Effects.poison === 0
    ? Effect.flatMap(SqlClient.SqlClient, (sql) => sql`SELECT id FROM ev_cured WHERE id = ${event.payload.id}`).pipe(
      Effect.map((rows) => rows.length === 0)
    )
    : Effect.succeed(false)

/**
 * Every sale and refund, once each: one `ev_effects` row, committed with the delivery's acknowledgement.
 * Poison sales fail every time (so they are retried, then dead-lettered) until cured.
 */
export const RecordHandler: RecordSubscription.Handler<string | SqlError.SqlError, SqlClient.SqlClient> = (event, delivery) =>
  Effect.if(_refused(event), {
    onTrue: () => Effect.fail(`ledger refuses sale ${event.payload.id}`),
    onFalse: () => Effects.record("ledger.Record", delivery)
  })
