// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Entity from "@effect/cluster/Entity"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Match from "effect/Match"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import OrdersContract from "../../../../contracts/orders.contract.js"
import type { Shared } from "../../../../contracts/shared.js"
import { Money } from "../../../app/Money.js"
import { OrdersChannels } from "../../../generated/orders/Channels.js"
import { OrderEntity, OrderState } from "../../../generated/orders/entities/Order.js"
import { OrdersEvents } from "../../../generated/orders/Events.js"

const _rpcs = OrdersContract.entities.Order.rpcs
const _Order = _rpcs.Get.success
const _OrderNotFound = _rpcs.Get.error
const _OrderRejected = _rpcs.Place.error

type _Order = typeof _Order.Type
type _Reason = typeof _OrderRejected.Type["reason"]

const _reject = (orderId: Shared.OrderId, reason: _Reason) => Effect.fail(new _OrderRejected({ orderId, reason }))

const _sameLines = Schema.equivalence(_rpcs.Place.payload.lines)

/**
 * Whether `placed` is what this `Place` made: a persisted message runs again when its pod died after the change
 * committed but before its reply was stored, and must then answer as it did, not `duplicate`.
 */
const _again = (placed: _Order, p: Schema.Struct.Type<typeof _rpcs.Place.payload>): boolean =>
  placed.status === "placed" && placed.customerId === p.customerId && _sameLines(placed.lines, p.lines)

/**
 * What a change announces: its event (to the outbox), the order as it now is on the tenant's `OrderUpdates`
 * channel, and its notices for operators, if it has some. Run inside `state.modify`, they commit in the change's
 * transaction with the order itself — delivered on commit, none on rollback.
 */
const _announce = (order: _Order, event: OrdersEvents.Any, notice: ReadonlyArray<typeof OrdersChannels.Operations.payload.Type> = []) =>
  Effect.all([
    OrdersEvents.publish(event),
    OrdersChannels.OrderUpdates.publish(order.tenantId, order),
    Effect.forEach(notice, (n) => OrdersChannels.Operations.publish(order.tenantId, n))
  ], { discard: true })

/**
 * Handlers of entity `Order`: one instance per `<tenant>/<order>` (see `Keys.order`). Its state (`OrderState`) is
 * the order once placed, stored in SQL and loaded wherever the instance starts, so an order placed on a pod that
 * died answers the same on the pod that took its shard. placed → cancelled is the only transition these messages
 * make; shipped orders cannot be cancelled. Each transition is one `state.modify`: the new order, its event
 * (OrderPlaced, OrderCancelled) and its channel messages commit together or not at all. A message that finds its
 * own change already made (its pod died after the commit, before the reply was stored) answers as it did.
 */
export const OrderHandlers = Effect.gen(function*() {
  const state = yield* OrderState
  const address = yield* Entity.CurrentAddress

  const current = (key: { readonly tenantId: Shared.TenantId; readonly orderId: Shared.OrderId }) =>
    Effect.flatMap(state.get, (order) => order === null ? Effect.fail(new _OrderNotFound(key)) : Effect.succeed(order))

  // #region place
  const place = (payload: Schema.Struct.Type<typeof _rpcs.Place.payload>, total: Shared.Money) =>
    state.modify(() =>
      DateTime.now.pipe(
        Effect.map((placedAt) => new _Order({ ...payload, status: "placed", total, placedAt })),
        Effect.tap((order) => _announce(order, OrdersEvents.OrderPlaced.make({ payload: order }))),
        Effect.map((order) => [order, order] as const)
      )
    ).pipe(
      Effect.tap((order) => Effect.log(`Order ${address.entityId} placed on shard ${address.shardId}: ${Money.format(order.total)}`))
    )
  // #endregion

  return OrderEntity.of({
    /** Place the order; redelivery of the same order id is deduplicated. */
    Place: ({ payload }) =>
      Effect.flatMap(state.get, (existing) =>
        existing !== null
          ? _again(existing, payload) ? Effect.succeed(existing) : _reject(payload.orderId, existing.status === "cancelled" ? "already_cancelled" : "duplicate")
          : Option.match(Money.total(payload.lines), {
            onNone: () => _reject(payload.orderId, "currency_mismatch"),
            onSome: (total) => place(payload, total)
          })),
    /** Cancel the order unless it has shipped. */
    Cancel: ({ payload }) =>
      current(payload).pipe(Effect.flatMap((order) =>
        Match.value(order.status).pipe(
          // One Cancel per order (its primary key): finding it cancelled means this message ran before.
          Match.when("cancelled", () => Effect.succeed(order)),
          Match.when("shipped", () => _reject(order.orderId, "already_shipped")),
          Match.orElse(() =>
            state.modify(() =>
              DateTime.now.pipe(Effect.flatMap((cancelledAt) => {
                const cancelled = new _Order({ ...order, status: "cancelled", cancelledAt })
                return _announce(
                  cancelled,
                  OrdersEvents.OrderCancelled.make({ payload: { tenantId: order.tenantId, orderId: order.orderId, reason: payload.reason, cancelledAt } }),
                  [{ kind: "order_cancelled", orderId: cancelled.orderId, detail: payload.reason, at: cancelledAt }]
                ).pipe(Effect.as([cancelled, cancelled] as const))
              }))
            )
          )
        )
      )),
    /** Read the order's current state from the entity. */
    Get: ({ payload }) => current(payload)
  })
})
