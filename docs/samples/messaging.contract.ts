/**
 * Subscriptions, jobs and webhooks declared in a contract, shown in docs/contracts.md.
 * A compiled sample (codegen never reads it): the example app's real one is contracts/notifications.contract.ts.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import { Shared } from "../../contracts/shared.js"
// #region messaging
import Orders from "../../contracts/orders.contract.js" // another contract's default export

const { TenantId, CustomerId, OrderId, Money } = Shared

export default Contract.make("notifications", {
  subscriptions: {
    /** Every OrderPlaced / OrderCancelled of `orders`, handled once per event on whichever pod owns it. */
    NotifyCustomer: Contract.subscription({ to: Orders, events: ["OrderPlaced", "OrderCancelled"] })
  },
  jobs: {
    /** `SendDigestJob.enqueue(payload, { id })`, or wait for the result with `.run(payload)`. */
    SendDigest: Contract.job({
      payload: { tenantId: TenantId, customerId: CustomerId, day: Schema.String },
      success: Schema.Struct({ unread: Schema.Int }), // default Schema.Void; `error` defaults to Schema.Never
      concurrency: 4, // per job partition, like mailboxCapacity
      mailboxCapacity: 64,
      keepAlive: false, // true for long batch jobs
      retry: { times: 2 },
      partitions: 16,
      maxIdleTime: "5 minutes"
    })
  },
  webhooks: {
    /** `OrderConfirmedWebhook.send(payload, { id })`: signed (Standard Webhooks), retried, then dead-lettered. */
    OrderConfirmed: Contract.webhook({
      payload: { orderId: OrderId, charged: Money },
      retry: { delays: ["5 seconds", "5 minutes", "1 hours"], jitter: 0.2 }, // or { times, base, factor, max }
      attemptTimeout: "10 seconds", // default 15 seconds
      deadline: "1 days" // default: the end of the retry schedule
    })
  }
})
// #endregion
