// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Entity from "@effect/cluster/Entity"
import * as SqlClient from "@effect/sql/SqlClient"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Match from "effect/Match"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import OrdersContract from "../../../../contracts/orders.contract.js"
import type { Shared } from "../../../../contracts/shared.js"
import { Money } from "../../../app/Money.js"
import { Store } from "../../../app/Store.js"
import { OrdersChannels } from "../../../generated/orders/Channels.js"
import { OrderEntity } from "../../../generated/orders/entities/Order.js"
import { OrdersEvents } from "../../../generated/orders/Events.js"

const _rpcs = OrdersContract.entities.Order.rpcs
const _Order = _rpcs.Get.success
const _OrderNotFound = _rpcs.Get.error
const _OrderRejected = _rpcs.Place.error

type _Reason = typeof _OrderRejected.Type["reason"]

const _reject = (orderId: Shared.OrderId, reason: _Reason) => Effect.fail(new _OrderRejected({ orderId, reason }))

/**
 * What a change announces, in one SQL transaction: its event (to the outbox), the order as it now is on the
 * tenant's `OrderUpdates` channel, and its notices for operators, if it has some — delivered on commit, none on rollback.
 */
const _announce = (
  order: typeof _Order.Type,
  event: OrdersEvents.Any,
  notice: ReadonlyArray<typeof OrdersChannels.Operations.payload.Type> = []
) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(Effect.all([
      OrdersEvents.publish(event),
      OrdersChannels.OrderUpdates.publish(order.tenantId, order),
      Effect.forEach(notice, (n) => OrdersChannels.Operations.publish(order.tenantId, n))
    ], { discard: true }))).pipe(Effect.orDie)

/**
 * Handlers of entity `Order`: one instance per `<tenant>/<order>` (see `Keys.order`). Its state is a Ref
 * owned by the instance, seeded from the store's last snapshot so an idle-evicted order comes back as it was.
 * placed → cancelled is the only transition these messages make; shipped orders cannot be cancelled.
 * Each transition publishes its event (OrderPlaced, OrderCancelled) and the changed order (`OrderUpdates`, and
 * a notice on `Operations` for a cancellation) in one transaction. The store here is in memory, so it is
 * written first, outside it; with a SQL store, write the order in that transaction too, so the event and the
 * messages exist exactly when the write committed.
 */
export const OrderHandlers = Effect.gen(function*() {
  const store = yield* Store
  const address = yield* Entity.CurrentAddress
  const state = yield* Ref.make(yield* store.orders.get(address.entityId))

  const save = (order: typeof _Order.Type) =>
    Ref.set(state, Option.some(order)).pipe(Effect.zipRight(store.orders.put(order)), Effect.as(order))

  const current = (key: { readonly tenantId: Shared.TenantId; readonly orderId: Shared.OrderId }) =>
    Ref.get(state).pipe(Effect.flatMap(Option.match({
      onNone: () => Effect.fail(new _OrderNotFound(key)),
      onSome: Effect.succeed
    })))

  return OrderEntity.of({
    /** Place the order; redelivery of the same order id is deduplicated. */
    Place: ({ payload }) =>
      Ref.get(state).pipe(Effect.flatMap(Option.match({
        onSome: (order) => _reject(payload.orderId, order.status === "cancelled" ? "already_cancelled" : "duplicate"),
        onNone: () =>
          Option.match(Money.total(payload.lines), {
            onNone: () => _reject(payload.orderId, "currency_mismatch"),
            onSome: (total) =>
              DateTime.now.pipe(
                Effect.flatMap((placedAt) => save(new _Order({ ...payload, status: "placed", total, placedAt }))),
                Effect.tap((order) => _announce(order, OrdersEvents.OrderPlaced.make({ payload: order }))),
                Effect.tap((order) =>
                  Effect.log(`Order ${address.entityId} placed on shard ${address.shardId}: ${Money.format(order.total)}`)
                )
              )
          })
      }))),
    /** Cancel the order unless it has shipped. */
    Cancel: ({ payload }) =>
      current(payload).pipe(Effect.flatMap((order) =>
        Match.value(order.status).pipe(
          Match.when("cancelled", () => _reject(order.orderId, "already_cancelled")),
          Match.when("shipped", () => _reject(order.orderId, "already_shipped")),
          Match.orElse(() =>
            DateTime.now.pipe(Effect.flatMap((cancelledAt) =>
              save(new _Order({ ...order, status: "cancelled", cancelledAt })).pipe(Effect.tap((cancelled) =>
                _announce(
                  cancelled,
                  OrdersEvents.OrderCancelled.make({ payload: { tenantId: order.tenantId, orderId: order.orderId, reason: payload.reason, cancelledAt } }),
                  [{ kind: "order_cancelled", orderId: cancelled.orderId, detail: payload.reason, at: cancelledAt }]
                )
              ))
            ))
          )
        )
      )),
    /** Read the order's current state from the entity. */
    Get: ({ payload }) => current(payload)
  })
})
