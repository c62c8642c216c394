/**
 * Publishing events in the caller's transaction and acknowledging a delivery, shown in docs/messaging.md.
 * Compiled against the example app's generated `OrdersEvents`; nothing here runs.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import type { Events } from "effect-contracts/Events"
import { OrdersEvents } from "../../examples/generated/orders/Events.js"

type OrderPlaced = OrdersEvents.OrderPlaced["payload"]

/** Store an order row and publish its event, atomically. */
export const placeOrder = (row: { readonly id: string; readonly tenant: string }, payload: OrderPlaced) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    // #region publish
    // in a handler: the order row and its event commit (or roll back) together
    yield* sql.withTransaction(Effect.gen(function*() {
      yield* sql`INSERT INTO orders ${sql.insert(row)}`
      yield* OrdersEvents.publish(OrdersEvents.OrderPlaced.make({ payload })) // or an array of events
    }))
    // #endregion
  })

/** A subscription handler whose side effect is a database write: it commits with its acknowledgement. */
export const recordPlaced = (event: OrdersEvents.OrderPlaced, delivery: Events.Delivery) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    // #region acknowledge
    const write = sql`INSERT INTO placed_orders ${sql.insert({ event_id: delivery.eventId, order_id: event.payload.orderId })}`
    yield* sql.withTransaction(Effect.zipRight(write, delivery.acknowledge))
    // #endregion
  })
