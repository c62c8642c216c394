/**
 * The example app's read models that span entities — the order list, the ledger, the known inboxes — as SQL tables
 * on the app's database, so every pod answers the same. Fed by events (the `projections` contract's subscriptions);
 * read by the list RPCs and the schedules. Holds no business rules and no per-pod state.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Inboxes } from "./readmodels/Inboxes.js"
import { Ledger } from "./readmodels/Ledger.js"
import { OrderList } from "./readmodels/Orders.js"

/** Pods starting together create the tables one at a time (PostgreSQL's `CREATE … IF NOT EXISTS` is not atomic). */
const _migrate = (sql: SqlClient.SqlClient) =>
  sql.withTransaction(Effect.zipRight(
    sql.onDialectOrElse({ pg: () => Effect.asVoid(sql`SELECT pg_advisory_xact_lock(${0x53484f50})`), orElse: () => Effect.void }),
    Effect.forEach([OrderList.ddl, Ledger.ddl, Inboxes.ddl], (ddl) => sql.unsafe(ddl), { discard: true })
  ))

/**
 * The read models on the app's `SqlClient`. `ReadModels.layer` creates their tables; their writes join the caller's
 * transaction, so a subscription acknowledges its delivery in the same one (`delivery.acknowledge`).
 */
export class ReadModels extends Context.Tag("examples/ReadModels")<ReadModels, ReadModels.Service>() {
  static readonly layer = Layer.effect(
    ReadModels,
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.as(_migrate(sql), { orders: OrderList.make(sql), ledger: Ledger.make(sql), inboxes: Inboxes.make(sql) }))
  ).pipe(Layer.orDie)
}

export declare namespace ReadModels {
  type LedgerEntry = Ledger.Entry
  interface Service {
    readonly orders: OrderList
    readonly ledger: Ledger
    readonly inboxes: Inboxes
  }
}
