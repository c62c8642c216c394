// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import type { Sharding } from "@effect/cluster/Sharding"
import * as Effect from "effect/Effect"
import * as Match from "effect/Match"
import NotificationsContract from "../../../../contracts/notifications.contract.js"
import type { Shared } from "../../../../contracts/shared.js"
import { Calls } from "../../../app/Calls.js"
import { Keys } from "../../../app/Keys.js"
import { Money } from "../../../app/Money.js"
import { InboxEntity } from "../../../generated/notifications/entities/Inbox.js"
import type { NotifyCustomerSubscription } from "../../../generated/notifications/subscriptions/NotifyCustomer.js"
import { OrderEntity } from "../../../generated/orders/entities/Order.js"

const _NotificationId = NotificationsContract.entities.Inbox.rpcs.Deliver.payload.notificationId

/** One notification id per (event kind, order): a redelivered event delivers the same notification, which the inbox keeps once. */
const _notificationId = (kind: "placed" | "cancelled", orderId: Shared.OrderId) => _NotificationId.make(`ntf_${orderId.slice(4)}${kind}`)

const _deliver = (
  to: { readonly tenantId: Shared.TenantId; readonly customerId: Shared.CustomerId },
  notificationId: typeof _NotificationId.Type,
  subject: string,
  body: string
) =>
  Effect.flatMap(InboxEntity.client, (inboxes) =>
    Calls.reliably(inboxes(Keys.inbox(to)).Deliver({ ...to, notificationId, channel: "email", subject, body }))).pipe(Effect.asVoid)

/**
 * Tell the customer that their order was placed or cancelled, in their inbox.
 * A placed order carries its customer; a cancelled one is looked up in its Order entity (on whichever pod it
 * runs) first. The Inbox's `Deliver` is persisted with the notification id as its primary key, so a redelivered
 * event never notifies twice; an order that no longer exists is logged and skipped.
 */
export const NotifyCustomerHandler: NotifyCustomerSubscription.Handler<never, Sharding> = (event, delivery) =>
  Match.valueTags(event, {
    OrderPlaced: ({ payload: { customerId, orderId, tenantId, total } }) =>
      _deliver({ tenantId, customerId }, _notificationId("placed", orderId), `Order ${orderId} placed`, `Total ${Money.format(total)}; we will email you when it is paid.`),
    OrderCancelled: ({ payload: { orderId, reason, tenantId } }) =>
      Effect.flatMap(OrderEntity.client, (orders) => Calls.reliably(orders(Keys.order({ tenantId, orderId })).Get({ tenantId, orderId }))).pipe(
        Effect.flatMap(({ customerId }) =>
          _deliver({ tenantId, customerId }, _notificationId("cancelled", orderId), `Order ${orderId} cancelled`, `Reason: ${reason}.`)),
        Effect.catchTag("OrderNotFound", () => Effect.logWarning(`NotifyCustomer: ${delivery.eventId}: order ${orderId} not found; skipped`))
      )
  })
