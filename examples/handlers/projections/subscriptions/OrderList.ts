// Handler stub created by effect-contracts from contracts/projections.contract.ts. Yours to edit: codegen never overwrites it.
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Match from "effect/Match"
import type { ParseError } from "effect/ParseResult"
import OrdersContract from "../../../../contracts/orders.contract.js"
import { ReadModels } from "../../../app/ReadModels.js"
import type { OrderListSubscription } from "../../../generated/projections/subscriptions/OrderList.js"

const _Order = OrdersContract.rpcs.GetOrder.success

/**
 * Every placed and cancelled order, into the order list `ListOrders` pages through and `ExpireStaleCarts` scans.
 * A placed order is listed from its event (events published before they carried `lines` list none); a cancelled
 * one changes status. The row is written in one transaction with `delivery.acknowledge`, so once; events of one
 * order arrive in the order they were published (they share a key).
 */
export const OrderListHandler: OrderListSubscription.Handler<SqlError | ParseError, ReadModels | SqlClient.SqlClient> = (event, delivery) =>
  Effect.gen(function*() {
    const { orders } = yield* ReadModels
    const sql = yield* SqlClient.SqlClient
    const write = Match.valueTags(event, {
      OrderPlaced: ({ payload: { lines, ...e } }) => orders.placed(new _Order({ ...e, status: "placed", lines: lines ?? [] })),
      OrderCancelled: ({ payload: e }) => orders.cancelled(e, e.cancelledAt)
    })
    yield* sql.withTransaction(Effect.zipRight(write, delivery.acknowledge))
  })
