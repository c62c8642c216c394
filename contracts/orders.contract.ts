/**
 * The orders contract: placing, cancelling, reading and watching a tenant's orders, and checkout; its channels
 * stream order changes and operators' notices to a tenant's users. Declares schemas only (isomorphic, no I/O).
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import Payments from "./payments.contract.js"
import { Shared } from "./shared.js"

const _OrderStatus = Schema.Literal("pending", "placed", "paid", "shipped", "cancelled")

const _OrderLine = Schema.Struct({
  sku: Schema.String.pipe(Schema.pattern(/^[A-Z0-9-]{3,32}$/)),
  quantity: Schema.Int.pipe(Schema.positive()),
  unitPrice: Shared.Money
}).annotations({ identifier: "OrderLine" })

class _Order extends Schema.Class<_Order>("Order")({
  tenantId: Shared.TenantId,
  orderId: Shared.OrderId,
  customerId: Shared.CustomerId,
  status: _OrderStatus,
  lines: Schema.Array(_OrderLine),
  total: Shared.Money,
  placedAt: Schema.DateTimeUtc,
  cancelledAt: Schema.optional(Schema.DateTimeUtc)
}) {}

class _OrderNotFound extends Schema.TaggedError<_OrderNotFound>()("OrderNotFound", {
  tenantId: Shared.TenantId,
  orderId: Shared.OrderId
}) {}

class _OrderRejected extends Schema.TaggedError<_OrderRejected>()("OrderRejected", {
  orderId: Shared.OrderId,
  reason: Schema.Literal("duplicate", "empty", "currency_mismatch", "already_cancelled", "already_shipped")
}) {}

class _CheckoutFailed extends Schema.TaggedError<_CheckoutFailed>()("CheckoutFailed", {
  orderId: Shared.OrderId,
  reason: Schema.Literal("payment_declined", "out_of_stock", "invalid_coupon")
}) {}

/** Something in a tenant's orders its operators should look at. */
const _OperationsNotice = Schema.Struct({
  kind: Schema.Literal("payment_declined", "order_cancelled"),
  orderId: Shared.OrderId,
  detail: Schema.String,
  at: Schema.DateTimeUtc
}).annotations({ identifier: "OperationsNotice" })

const _OrderKey = Schema.Struct({ tenantId: Shared.TenantId, orderId: Shared.OrderId })

const _CheckoutV1 = Schema.Struct({
  tenantId: Shared.TenantId,
  orderId: Shared.OrderId,
  customerId: Shared.CustomerId,
  lines: Schema.Array(_OrderLine).pipe(Schema.minItems(1))
}).annotations({ identifier: "CheckoutV1" })

const _CheckoutV2 = Schema.Struct({
  ..._CheckoutV1.fields,
  couponCode: Schema.optional(Schema.String.pipe(Schema.pattern(/^[A-Z0-9]{4,16}$/)))
}).annotations({ identifier: "CheckoutV2" })

const _CheckoutResult = Schema.Struct({ orderId: Shared.OrderId, paymentId: Shared.PaymentId, charged: Shared.Money })

const _PlaceFields = {
  tenantId: Shared.TenantId,
  orderId: Shared.OrderId,
  customerId: Shared.CustomerId,
  lines: Schema.Array(_OrderLine).pipe(Schema.minItems(1))
}

export default Contract.make("orders", {
  /** Every public RPC needs a verified user of a tenant (a bearer token), and serves only that tenant's orders. */
  auth: { principal: Shared.Principal },
  events: {
    /** An order was accepted and is awaiting payment. */
    OrderPlaced: Contract.event({
      payload: Schema.Struct({
        tenantId: Shared.TenantId,
        orderId: Shared.OrderId,
        customerId: Shared.CustomerId,
        total: Shared.Money,
        placedAt: Schema.DateTimeUtc,
        /** What was ordered (absent from events published before it was added): the order list is built from it. */
        lines: Schema.optional(Schema.Array(_OrderLine))
      }),
      key: (e) => `${e.tenantId}/${e.orderId}`
    }),
    /** An order was cancelled by the customer or the shop; any payment must be refunded. */
    OrderCancelled: Contract.event({
      payload: Schema.Struct({
        tenantId: Shared.TenantId,
        orderId: Shared.OrderId,
        reason: Schema.String,
        cancelledAt: Schema.DateTimeUtc
      }),
      key: (e) => `${e.tenantId}/${e.orderId}`
    })
  },
  rpcs: {
    /** Read one order of the caller's tenant. */
    GetOrder: Contract.rpc({ payload: _OrderKey, success: _Order, error: _OrderNotFound }),
    /** List a tenant's orders, newest first, one page at a time. */
    ListOrders: Contract.rpc({
      payload: Schema.Struct({
        tenantId: Shared.TenantId,
        customerId: Schema.optional(Shared.CustomerId),
        status: Schema.optional(_OrderStatus),
        limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100)), { default: () => 20 }),
        cursor: Schema.optional(Schema.String)
      }),
      success: Schema.Struct({ orders: Schema.Array(_Order), nextCursor: Schema.NullOr(Schema.String) })
    }),
    /**
     * Stream every change to a tenant's orders (or one customer's) from now on, whichever pod made it. It follows the
     * `OrderUpdates` channel; subscribe to that channel (`orders.OrderUpdates`) to resume after a reconnect.
     */
    WatchOrders: Contract.rpc({
      payload: { tenantId: Shared.TenantId, customerId: Schema.optional(Shared.CustomerId) },
      success: _Order,
      stream: true
    }),
    /** Place an order from any pod: forwarded to the order's entity, wherever its shard lives now. */
    PlaceOrder: Contract.rpc({ payload: _PlaceFields, success: _Order, error: _OrderRejected }),
    /** Check out a cart and wait for the outcome (the Checkout workflow); a retried call joins the same run. */
    CheckoutOrder: Contract.rpc({ payload: _CheckoutV2, success: _CheckoutResult, error: _CheckoutFailed })
  },
  entities: {
    /** One order: serialises every change to it, addressed by order id. */
    // #region state
    Order: Contract.entity({
      /** The order once placed (`null` before). */
      state: Schema.NullOr(_Order),
      initial: null,
      // #endregion
      rpcs: {
        /** Place the order; redelivery of the same order id is deduplicated. */
        Place: Contract.rpc({
          payload: _PlaceFields,
          success: _Order,
          error: _OrderRejected,
          persisted: true,
          primaryKey: (p) => `${p.tenantId}/${p.orderId}`
        }),
        /** Cancel the order unless it has shipped. */
        Cancel: Contract.rpc({
          payload: { tenantId: Shared.TenantId, orderId: Shared.OrderId, reason: Schema.NonEmptyTrimmedString },
          success: _Order,
          error: Schema.Union(_OrderNotFound, _OrderRejected),
          persisted: true,
          primaryKey: (p) => `${p.tenantId}/${p.orderId}`
        }),
        /** Read the order's current state from the entity. */
        Get: Contract.rpc({ payload: _OrderKey, success: _Order, error: _OrderNotFound })
      },
      mailboxCapacity: 64,
      concurrency: 1,
      maxIdleTime: "5 minutes"
    })
  },
  workflows: {
    /** Reserve stock, authorize and capture payment, then confirm the order; compensates on failure. */
    Checkout: Contract.workflow({
      versions: [_CheckoutV1, _CheckoutV2],
      idempotencyKey: (p) => `${p.tenantId}/${p.orderId}`,
      success: _CheckoutResult,
      error: _CheckoutFailed
    })
  },
  webhooks: {
    /** Tell the merchant's systems that an order was paid for and confirmed (sent by the Checkout workflow). */
    OrderConfirmed: Contract.webhook({
      payload: {
        tenantId: Shared.TenantId,
        orderId: Shared.OrderId,
        customerId: Shared.CustomerId,
        paymentId: Shared.PaymentId,
        charged: Shared.Money,
        confirmedAt: Schema.DateTimeUtc
      },
      attemptTimeout: "10 seconds"
    })
  },
  channels: {
    /** Every change to a tenant's orders: the order as it is after each change. Only that tenant's users may follow it. */
    OrderUpdates: Contract.channel({
      key: Shared.TenantId,
      payload: _Order,
      allow: (tenantId, p: Shared.Principal) => p.tenantId === tenantId
    }),
    /** Notices for a tenant's operators (a declined payment, a cancelled order). Only that tenant's users may follow it. */
    Operations: Contract.channel({
      key: Shared.TenantId,
      payload: _OperationsNotice,
      allow: (tenantId, p: Shared.Principal) => p.tenantId === tenantId
    })
  },
  subscriptions: {
    /** Tell the tenant's operators, on its `Operations` channel, that a payment for one of its orders was declined. */
    AlertOperators: Contract.subscription({ to: Payments, events: ["PaymentFailed"] })
  },
  schedules: {
    /** Every five seconds, cancel carts left unpaid for more than an hour. */
    ExpireStaleCarts: Contract.schedule({ cron: "*/5 * * * * *", skipIfOlderThan: "1 minutes" }),
    /** One cluster-wide indexer keeping the order search index in step with order events. */
    OrderIndexer: Contract.schedule({ singleton: true })
  }
})
