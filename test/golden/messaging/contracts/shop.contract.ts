/**
 * Golden scenario `messaging`, the publisher: events another contract subscribes to, webhooks with and
 * without a delivery policy, and a job with every option.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const _OrderId = Schema.String.pipe(Schema.brand("OrderId"))

class _IndexBusy extends Schema.TaggedError<_IndexBusy>()("IndexBusy", { since: Schema.DateTimeUtc }) {}

export default Contract.make("shop", {
  events: {
    /** An order was placed. */
    OrderPlaced: Contract.event({ payload: Schema.Struct({ orderId: _OrderId, email: Schema.String }), key: (e) => e.orderId }),
    /** An order was cancelled before it shipped. */
    OrderCancelled: Contract.event({ payload: Schema.Struct({ orderId: _OrderId, reason: Schema.String }), key: (e) => e.orderId }),
    /** An order left the warehouse; nobody subscribes to it. */
    OrderShipped: Contract.event({ payload: Schema.Struct({ orderId: _OrderId }), key: (e) => e.orderId })
  },
  jobs: {
    /** Rebuild the search index of one catalog; long, so its entity is kept alive. */
    RebuildIndex: Contract.job({
      payload: Schema.Struct({ catalog: Schema.String }),
      success: Schema.Struct({ documents: Schema.Int }),
      error: _IndexBusy,
      concurrency: 2,
      mailboxCapacity: "unbounded",
      keepAlive: true,
      retry: { times: 5 },
      partitions: 4,
      maxIdleTime: "10 minutes"
    })
  },
  webhooks: {
    /** Tell the merchant's systems that an order shipped. */
    OrderShipped: Contract.webhook({
      payload: { orderId: _OrderId, carrier: Schema.Literal("dhl", "ups"), trackingUrl: Schema.String },
      retry: { delays: ["5 seconds", "5 minutes", "1 hours"], jitter: 0.1 },
      attemptTimeout: "10 seconds",
      deadline: "1 days"
    }),
    StockLow: Contract.webhook({ payload: Schema.Struct({ sku: Schema.String, left: Schema.Int }) }),
    /** Exponential backoff: 6 retries from 1 second, tripling, at most an hour apart. */
    PriceChanged: Contract.webhook({
      payload: { sku: Schema.String, cents: Schema.Int },
      retry: { times: 6, base: "1 second", factor: 3, max: "1 hour" }
    })
  }
})
