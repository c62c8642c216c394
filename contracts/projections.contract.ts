/**
 * The projections contract: the shop's read models that span entities — the order list, the ledger and the known
 * inboxes — kept in SQL tables by subscriptions to the other contracts' events, so every pod answers the same.
 * Declares subscriptions only (isomorphic, no I/O): no RPCs, no schemas of its own.
 */
import { Contract } from "effect-contracts"
import Notifications from "./notifications.contract.js"
import Orders from "./orders.contract.js"
import Payments from "./payments.contract.js"

export default Contract.make("projections", {
  subscriptions: {
    /** Every placed and cancelled order, into the order list `ListOrders` pages through and `ExpireStaleCarts` scans. */
    OrderList: Contract.subscription({ to: Orders, events: ["OrderPlaced", "OrderCancelled"] }),
    /** Every capture and refund, booked in the ledger `ReconcileLedger` checks against the payments. */
    Ledger: Contract.subscription({ to: Payments, events: ["PaymentCaptured", "PaymentRefunded"] }),
    /** Every inbox that received a notification: the inboxes `DigestSender` sends digests to. */
    Inboxes: Contract.subscription({ to: Notifications, events: ["NotificationSent"] })
  }
})
