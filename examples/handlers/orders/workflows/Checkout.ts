// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import type { Sharding } from "@effect/cluster/Sharding"
import type { SqlClient } from "@effect/sql/SqlClient"
import * as Activity from "@effect/workflow/Activity"
import * as Workflow from "@effect/workflow/Workflow"
import type { WorkflowEngine, WorkflowInstance } from "@effect/workflow/WorkflowEngine"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { Scope } from "effect/Scope"
import NotificationsContract from "../../../../contracts/notifications.contract.js"
import OrdersContract from "../../../../contracts/orders.contract.js"
import PaymentsContract from "../../../../contracts/payments.contract.js"
import { Shared } from "../../../../contracts/shared.js"
import { Calls } from "../../../app/Calls.js"
import { Inventory } from "../../../app/Inventory.js"
import { Keys } from "../../../app/Keys.js"
import { Money } from "../../../app/Money.js"
import { InboxEntity } from "../../../generated/notifications/entities/Inbox.js"
import type { CheckoutWorkflow } from "../../../generated/orders/workflows/Checkout.js"
import { OrderEntity } from "../../../generated/orders/entities/Order.js"
import { OrderConfirmedWebhook } from "../../../generated/orders/webhooks/OrderConfirmed.js"
import { PaymentEntity } from "../../../generated/payments/entities/Payment.js"
import { RefundWorkflow } from "../../../generated/payments/workflows/Refund.js"

const _Order = OrdersContract.entities.Order.rpcs.Place.success
const _Payment = PaymentsContract.entities.Payment.rpcs.Capture.success
const _CheckoutFailed = OrdersContract.workflows.Checkout.error
const _NotificationId = NotificationsContract.entities.Inbox.rpcs.Deliver.payload.notificationId

const _refundId = (orderId: Shared.OrderId) =>
  PaymentsContract.workflows.Refund.versions[0].fields.refundId.make(`re_${orderId.slice(4)}checkout`)

/** Coupon codes the shop honours, with their discount in percent. */
const _coupons: Readonly<Record<string, number>> = { WELCOME10: 10, SPRING25: 25 }

const _failed = (orderId: Shared.OrderId, reason: typeof _CheckoutFailed.Type["reason"]) =>
  Effect.fail(new _CheckoutFailed({ orderId, reason }))

/** The discount of the input's coupon (0 without one); an unknown code fails the checkout before any step runs. */
const _discount = (input: CheckoutWorkflow.Input) =>
  Option.fromNullable("couponCode" in input ? input.couponCode : undefined).pipe(Option.match({
    onNone: () => Effect.succeed(0),
    onSome: (code) =>
      Option.match(Option.fromNullable(_coupons[code]), {
        onNone: () => _failed(input.orderId, "invalid_coupon"),
        onSome: Effect.succeed
      })
  }))

/**
 * Reserve stock, authorize and capture payment, then confirm the order; compensates on failure.
 * Steps (each an Activity, so a replay never repeats one): place the order, reserve its stock, authorize and
 * capture the total (less any coupon), then email the customer and send the merchant the `OrderConfirmed`
 * webhook (its message id names the order, so a retried step sends nothing twice). If the workflow fails, the compensations
 * of the steps that succeeded run: the capture is refunded (a Refund workflow), the stock released and the
 * order cancelled.
 */
export const CheckoutHandler: CheckoutWorkflow.Handler<
  Sharding | Inventory | SqlClient | WorkflowEngine | WorkflowInstance | Scope
> = (input, executionId) =>
  Effect.gen(function*() {
    const discount = yield* _discount(input)
    const inventory = yield* Inventory
    const order = (yield* OrderEntity.client)(Keys.order(input))
    const paymentId = Shared.PaymentId.make(input.orderId.replace(/^ord_/, "pay_"))
    const payment = (yield* PaymentEntity.client)(Keys.payment({ tenantId: input.tenantId, paymentId }))
    const inbox = (yield* InboxEntity.client)(Keys.inbox(input))
    const { customerId, lines, orderId, tenantId } = input

    const placed = yield* Activity.make({
      name: "PlaceOrder",
      success: _Order,
      execute: Calls.reliably(order.Place({ tenantId, orderId, customerId, lines })).pipe(Effect.orDie)
    }).pipe(Workflow.withCompensation(() =>
      Calls.reliably(order.Cancel({ tenantId, orderId, reason: "checkout failed" })).pipe(
        Effect.catchAll((e) => Effect.logWarning(`Checkout ${orderId}: could not cancel the order`, e))
      )
    ))

    yield* Activity.make({
      name: "ReserveStock",
      error: _CheckoutFailed,
      execute: inventory.reserve(executionId, lines).pipe(
        Effect.flatMap((held) => held ? Effect.void : _failed(orderId, "out_of_stock"))
      )
    }).pipe(Workflow.withCompensation(() => inventory.release(executionId)))

    const charged = Money.percentOff(placed.total, discount)
    const declined = () => _failed(orderId, "payment_declined")

    yield* Activity.make({
      name: "AuthorizePayment",
      success: _Payment,
      error: _CheckoutFailed,
      execute: Calls.reliably(payment.Authorize({ tenantId, paymentId, orderId, customerId, amount: charged })).pipe(
        Effect.catchTag("PaymentDeclined", declined)
      )
    })

    yield* Activity.make({
      name: "CapturePayment",
      success: _Payment,
      error: _CheckoutFailed,
      execute: Calls.reliably(payment.Capture({ tenantId, paymentId, amount: charged })).pipe(
        Effect.catchTag("PaymentDeclined", declined),
        Effect.catchTags({ PaymentNotFound: Effect.die, AmountExceeded: Effect.die })
      )
    }).pipe(Workflow.withCompensation(() =>
      RefundWorkflow.execute({
        input: { tenantId, paymentId, refundId: _refundId(orderId), amount: charged, reason: "order_cancelled" }
      }, { discard: true })
    ))

    yield* Activity.make({
      name: "NotifyCustomer",
      success: Schema.Void,
      execute: Calls.reliably(inbox.Deliver({
        tenantId,
        customerId,
        notificationId: _NotificationId.make(`ntf_${orderId.slice(4)}paid`),
        channel: "email",
        subject: `Order ${orderId} confirmed`,
        body: `We charged ${Money.format(charged)}${discount > 0 ? ` (${discount}% off)` : ""}. Thank you!`
      })).pipe(Effect.asVoid)
    })

    yield* Activity.make({
      name: "NotifyMerchant",
      success: Schema.String,
      execute: DateTime.now.pipe(
        Effect.flatMap((confirmedAt) =>
          OrderConfirmedWebhook.send(
            { tenantId, orderId, customerId, paymentId, charged, confirmedAt },
            { id: `orders.OrderConfirmed/${Keys.order(input)}` }
          )
        ),
        Effect.orDie
      )
    })

    yield* Effect.log(`Checkout ${Keys.order(input)} done: charged ${Money.format(charged)}`)
    return { orderId, paymentId, charged }
  })
