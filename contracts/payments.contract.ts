/**
 * The payments contract: authorizing, capturing and refunding a payment for an order, and reconciliation.
 * Declares schemas only (isomorphic, no I/O); it never talks to a payment provider itself.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import { Shared } from "./shared.js"

const _RefundId = Schema.String.pipe(Schema.pattern(/^re_[A-Za-z0-9]+$/), Schema.brand("RefundId"))

const _PaymentStatus = Schema.Literal("authorized", "captured", "partially_refunded", "refunded", "failed")

class _Payment extends Schema.Class<_Payment>("Payment")({
  tenantId: Shared.TenantId,
  paymentId: Shared.PaymentId,
  orderId: Shared.OrderId,
  status: _PaymentStatus,
  authorized: Shared.Money,
  captured: Shared.Money,
  refunded: Shared.Money,
  authorizedAt: Schema.DateTimeUtc,
  capturedAt: Schema.optional(Schema.DateTimeUtc)
}) {}

class _PaymentNotFound extends Schema.TaggedError<_PaymentNotFound>()("PaymentNotFound", {
  tenantId: Shared.TenantId,
  paymentId: Shared.PaymentId
}) {}

class _PaymentDeclined extends Schema.TaggedError<_PaymentDeclined>()("PaymentDeclined", {
  paymentId: Shared.PaymentId,
  reason: Schema.Literal("insufficient_funds", "card_expired", "fraud_suspected", "provider_unavailable")
}) {}

class _AmountExceeded extends Schema.TaggedError<_AmountExceeded>()("AmountExceeded", {
  paymentId: Shared.PaymentId,
  requested: Shared.Money,
  available: Shared.Money
}) {}

const _PaymentKey = Schema.Struct({ tenantId: Shared.TenantId, paymentId: Shared.PaymentId })

export default Contract.make("payments", {
  events: {
    /** Funds for an order were captured from the customer. */
    PaymentCaptured: Contract.event({
      payload: Schema.Struct({
        tenantId: Shared.TenantId,
        paymentId: Shared.PaymentId,
        orderId: Shared.OrderId,
        amount: Shared.Money,
        capturedAt: Schema.DateTimeUtc
      }),
      key: (e) => `${e.tenantId}/${e.paymentId}`
    }),
    /** Captured funds were returned to the customer (one event per refund id). */
    PaymentRefunded: Contract.event({
      payload: Schema.Struct({
        tenantId: Shared.TenantId,
        paymentId: Shared.PaymentId,
        orderId: Shared.OrderId,
        refundId: _RefundId,
        amount: Shared.Money,
        refundedAt: Schema.DateTimeUtc
      }),
      key: (e) => `${e.tenantId}/${e.paymentId}/${e.refundId}`
    }),
    /** A payment was declined or errored at the provider; the order cannot proceed. */
    PaymentFailed: Contract.event({
      payload: Schema.Struct({
        tenantId: Shared.TenantId,
        paymentId: Shared.PaymentId,
        orderId: Shared.OrderId,
        reason: Schema.String,
        failedAt: Schema.DateTimeUtc
      }),
      key: (e) => `${e.tenantId}/${e.paymentId}`
    })
  },
  // #region readme
  /** Every public RPC needs a verified user of a tenant (a bearer token), and serves only that tenant's payments. */
  auth: { principal: Shared.Principal },
  rpcs: {
    /** Read one payment of the caller's tenant. */
    GetPayment: Contract.rpc({ payload: _PaymentKey, success: _Payment, error: _PaymentNotFound })
  },
  // #endregion
  entities: {
    /** One payment: serialises provider calls for it, addressed by payment id. */
    Payment: Contract.entity({
      /** The payment once authorized or declined (`null` before), with the refund ids applied to it. */
      state: Schema.NullOr(Schema.Struct({ payment: _Payment, refunds: Schema.Array(_RefundId) })),
      initial: null,
      rpcs: {
        /** Reserve the order total on the customer's payment method. */
        Authorize: Contract.rpc({
          payload: {
            tenantId: Shared.TenantId,
            paymentId: Shared.PaymentId,
            orderId: Shared.OrderId,
            customerId: Shared.CustomerId,
            amount: Shared.Money
          },
          success: _Payment,
          error: _PaymentDeclined,
          persisted: true,
          primaryKey: (p) => `${p.tenantId}/${p.paymentId}`
        }),
        /** Capture all or part of the authorized amount. */
        Capture: Contract.rpc({
          payload: { tenantId: Shared.TenantId, paymentId: Shared.PaymentId, amount: Shared.Money },
          success: _Payment,
          error: Schema.Union(_PaymentNotFound, _PaymentDeclined, _AmountExceeded),
          persisted: true,
          primaryKey: (p) => `${p.tenantId}/${p.paymentId}`
        }),
        /** Return captured funds; each refund id is applied at most once. */
        Refund: Contract.rpc({
          payload: { tenantId: Shared.TenantId, paymentId: Shared.PaymentId, refundId: _RefundId, amount: Shared.Money },
          success: _Payment,
          error: Schema.Union(_PaymentNotFound, _AmountExceeded),
          persisted: true,
          primaryKey: (p) => `${p.tenantId}/${p.paymentId}/${p.refundId}`
        }),
        /** Read the payment's current state from the entity. */
        Get: Contract.rpc({ payload: _PaymentKey, success: _Payment, error: _PaymentNotFound })
      },
      mailboxCapacity: 32,
      concurrency: 1,
      maxIdleTime: "2 minutes"
    })
  },
  workflows: {
    /** Refund a captured payment and record it in the ledger, retrying the provider until it settles. */
    Refund: Contract.workflow({
      versions: [
        Schema.Struct({
          tenantId: Shared.TenantId,
          paymentId: Shared.PaymentId,
          refundId: _RefundId,
          amount: Shared.Money,
          reason: Schema.Literal("requested_by_customer", "duplicate", "fraudulent", "order_cancelled")
        }).annotations({ identifier: "RefundV1" })
      ],
      idempotencyKey: (p) => `${p.tenantId}/${p.refundId}`,
      success: Schema.Struct({ refundId: _RefundId, payment: _Payment, refundedAt: Schema.DateTimeUtc }),
      error: Schema.Union(_PaymentNotFound, _AmountExceeded)
    })
  },
  schedules: {
    /** Hourly, match captured and refunded payments against the provider's ledger. */
    ReconcileLedger: Contract.schedule({ cron: "0 * * * *", skipIfOlderThan: "30 minutes" })
  }
})
