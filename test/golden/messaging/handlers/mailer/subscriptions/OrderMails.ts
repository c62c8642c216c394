// Handler stub created by effect-contracts from test/golden/messaging/contracts/mailer.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { OrderMailsSubscription } from "../../../generated/mailer/subscriptions/OrderMails.js"

/**
 * Handles `OrderPlaced`, `OrderCancelled` of contract `shop` (match on `event._tag`). Delivery is at least once:
 * a database write made in one transaction with `delivery.acknowledge` happens once; key any other side
 * effect by `delivery.eventId`, which is the same on every delivery of one event.
 * A failure is retried, then dead-lettered; type its errors and services as `Handler<E, R>`.
 */
export const OrderMailsHandler: OrderMailsSubscription.Handler = (event, delivery) =>
  Effect.dieMessage("not implemented: mailer.OrderMails (edit test/golden/messaging/handlers/mailer/subscriptions/OrderMails.ts)")
