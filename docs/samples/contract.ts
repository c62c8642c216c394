/**
 * The contract DSL by example, shown in docs/contracts.md ("Contracts by example") and docs/evolution.md.
 * A compiled sample, not one of the example app's contracts (those are in contracts/; codegen never reads this).
 */
// #region contract
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const TenantId = Schema.String.pipe(Schema.brand("TenantId"))
const OrderId = Schema.String.pipe(Schema.brand("OrderId"))
class OrderNotFound extends Schema.TaggedError<OrderNotFound>()("OrderNotFound", { orderId: OrderId }) {}

export default Contract.make("orders", {
  events: {
    /** Published once an order is placed; `key` deduplicates redeliveries. */
    OrderPlaced: Contract.event({ payload: Schema.Struct({ tenantId: TenantId, orderId: OrderId }), key: (e) => e.orderId })
  },
  rpcs: {
    /** Public RPCs are what browsers call through the generated client. `stream: true` streams. */
    GetOrder: Contract.rpc({ payload: { orderId: OrderId }, success: Schema.String, error: OrderNotFound })
  },
  entities: {
    /** An entity is a sharded actor; its RPCs are its messages. */
    Order: Contract.entity({
      rpcs: {
        /** Persisted messages are stored and survive restarts; the primary key deduplicates them. */
        Place: Contract.rpc({ payload: { orderId: OrderId }, persisted: true, primaryKey: (p) => p.orderId })
      },
      mailboxCapacity: 64,
      concurrency: 1
    })
  },
  workflows: {
    /** Payload versions, oldest first. A new version must still decode what older ones produced. */
    Checkout: Contract.workflow({
      versions: [
        Schema.Struct({ orderId: OrderId }),
        Schema.Struct({ orderId: OrderId, coupon: Schema.optional(Schema.String) })
      ],
      idempotencyKey: (p) => p.orderId
    })
  },
  schedules: {
    /** Cron: runs once per tick across the whole cluster. */
    ExpireCarts: Contract.schedule({ cron: "*/5 * * * *", skipIfOlderThan: "1 minutes" }),
    /** Singleton: runs on exactly one pod at a time. */
    Indexer: Contract.schedule({ singleton: true })
  }
})
// #endregion

/** A payload whose field `customerId` was renamed on the wire to `customerRef` (docs/evolution.md). */
export const Renamed = Schema.Struct({
  // #region renamed
  customerRef: Schema.String.annotations(Contract.renamedFrom("customerId"))
  // #endregion
})
