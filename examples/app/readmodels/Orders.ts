/**
 * The order list: one row per order of every tenant, as its events describe it (placed, then cancelled), in SQL so
 * every pod pages through the same list. Written only by the `projections.OrderList` subscription; never the
 * source of truth (each Order entity is), and never asked for one order (`GetOrder` asks the entity).
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import OrdersContract from "../../../contracts/orders.contract.js"
import type { Shared } from "../../../contracts/shared.js"

const _Order = OrdersContract.rpcs.GetOrder.success
const _Body = Schema.parseJson(_Order)

type _Order = typeof _Order.Type
type _Key = { readonly tenantId: Shared.TenantId; readonly orderId: Shared.OrderId }
type _Errors = SqlError.SqlError | ParseResult.ParseError

/** The table; `placed_at` is ISO-8601 UTC, which sorts as time does. */
const ddl = `CREATE TABLE IF NOT EXISTS shop_orders (tenant_id TEXT NOT NULL, order_id TEXT NOT NULL, customer_id TEXT NOT NULL,
  status TEXT NOT NULL, placed_at TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (tenant_id, order_id))`

const _decodeAll = (rows: ReadonlyArray<{ readonly body: string }>) => Effect.forEach(rows, (r) => Schema.decode(_Body)(r.body))

const make = (sql: SqlClient.SqlClient): OrderList => {
  const write = (o: _Order, conflict: "nothing" | "update") =>
    Effect.flatMap(Schema.encode(_Body)(o), (body) =>
      sql`INSERT INTO shop_orders (tenant_id, order_id, customer_id, status, placed_at, body)
        VALUES (${o.tenantId}, ${o.orderId}, ${o.customerId}, ${o.status}, ${DateTime.formatIso(o.placedAt)}, ${body})
        ON CONFLICT (tenant_id, order_id) DO ${sql.literal(conflict === "nothing" ? "NOTHING" : "UPDATE SET status = excluded.status, body = excluded.body")}`)
  const get = (k: _Key) =>
    sql<{ body: string }>`SELECT body FROM shop_orders WHERE tenant_id = ${k.tenantId} AND order_id = ${k.orderId}`.pipe(Effect.flatMap(_decodeAll))
  return {
    placed: (o) => Effect.asVoid(write(o, "nothing")),
    cancelled: (k, cancelledAt) =>
      Effect.flatMap(get(k), (found) =>
        Effect.forEach(found, (o) => write(new _Order({ ...o, status: "cancelled", cancelledAt }), "update"), { discard: true })),
    list: (f) =>
      sql<{ body: string }>`SELECT body FROM shop_orders WHERE ${
        sql.and([
          sql`tenant_id = ${f.tenantId}`,
          ...(f.customerId === undefined ? [] : [sql`customer_id = ${f.customerId}`]),
          ...(f.status === undefined ? [] : [sql`status = ${f.status}`])
        ])
      } ORDER BY placed_at DESC, order_id DESC LIMIT ${f.limit + 1} OFFSET ${f.offset}`.pipe(
        Effect.flatMap(_decodeAll),
        Effect.map((rows) => ({ orders: rows.slice(0, f.limit), more: rows.length > f.limit }))
      ),
    stale: (cutoff) =>
      sql<{ body: string }>`SELECT o.body FROM shop_orders o WHERE o.status = 'placed' AND o.placed_at < ${DateTime.formatIso(cutoff)}
        AND NOT EXISTS (SELECT 1 FROM shop_ledger l WHERE l.kind = 'capture' AND l.tenant_id = o.tenant_id AND l.order_id = o.order_id)
        ORDER BY o.placed_at`.pipe(Effect.flatMap(_decodeAll)),
    statuses: sql<{ tenant_id: string; order_id: string; status: string }>`SELECT tenant_id, order_id, status FROM shop_orders`.pipe(
      Effect.map((rows) => rows.map((r) => ({ key: `${r.tenant_id}/${r.order_id}`, tenantId: r.tenant_id, status: r.status })))
    )
  }
}

/** `OrderList.make(sql)`: the order list's queries; `OrderList.ddl` creates its table. */
export const OrderList = { ddl, make } as const

export interface OrderList {
  /** A placed order (its first event); a redelivery changes nothing. */
  readonly placed: (order: _Order) => Effect.Effect<void, _Errors>
  /** The order is cancelled: its status and time (nothing if it was never listed). */
  readonly cancelled: (key: _Key, cancelledAt: DateTime.Utc) => Effect.Effect<void, _Errors>
  /** One page of a tenant's orders, newest first (the order id breaks ties, so pages are stable); `more` when more follow. */
  readonly list: (filter: {
    readonly tenantId: Shared.TenantId
    readonly customerId?: Shared.CustomerId | undefined
    readonly status?: _Order["status"] | undefined
    readonly offset: number
    readonly limit: number
  }) => Effect.Effect<{ readonly orders: ReadonlyArray<_Order>; readonly more: boolean }, _Errors>
  /** Orders still `placed` before `cutoff` with no capture in the ledger: carts left unpaid. */
  readonly stale: (cutoff: DateTime.Utc) => Effect.Effect<ReadonlyArray<_Order>, _Errors>
  /** Every order's key (`<tenant>/<order>`), tenant and status. */
  readonly statuses: Effect.Effect<ReadonlyArray<{ readonly key: string; readonly tenantId: string; readonly status: string }>, SqlError.SqlError>
}
