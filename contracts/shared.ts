/**
 * Shared schemas of the commerce example: branded identifiers and money used by more than one contract.
 * Isomorphic (imports only `effect/Schema`): browsers decode with these too, so no node:* and no I/O here.
 */
import * as Schema from "effect/Schema"

/** A tenant: every tenant-scoped payload carries one, e.g. `t_acme`. */
const TenantId = Schema.String.pipe(Schema.pattern(/^t_[a-z0-9]+$/), Schema.brand("TenantId"))

/** An order, unique within its tenant, e.g. `ord_8f3k2`. */
const OrderId = Schema.String.pipe(Schema.pattern(/^ord_[A-Za-z0-9]+$/), Schema.brand("OrderId"))

/** A payment attempt against one order, e.g. `pay_91xq`. */
const PaymentId = Schema.String.pipe(Schema.pattern(/^pay_[A-Za-z0-9]+$/), Schema.brand("PaymentId"))

/** A customer of a tenant, e.g. `cus_4n7t`. */
const CustomerId = Schema.String.pipe(Schema.pattern(/^cus_[A-Za-z0-9]+$/), Schema.brand("CustomerId"))

/** A user of a tenant, e.g. `usr_ann`. */
const UserId = Schema.String.pipe(Schema.pattern(/^usr_[A-Za-z0-9]+$/), Schema.brand("UserId"))

/** Who calls a public RPC, as the app's verifier proves it from a bearer token: a user of one tenant. */
const Principal = Schema.Struct({ tenantId: TenantId, userId: UserId }).annotations({ identifier: "Principal" })

/** The ISO 4217 currencies the shop settles in. */
const Currency = Schema.Literal("EUR", "USD", "GBP")

/** An amount of money in minor units (cents), never a float. */
const Money = Schema.Struct({
  amountCents: Schema.Int.pipe(Schema.nonNegative()),
  currency: Currency
}).annotations({ identifier: "Money" })

/** Shared schemas; import them as `Shared.TenantId` (value) and `Shared.TenantId` (type). */
export const Shared = { TenantId, OrderId, PaymentId, CustomerId, UserId, Principal, Currency, Money } as const

export declare namespace Shared {
  type TenantId = typeof TenantId.Type
  type OrderId = typeof OrderId.Type
  type PaymentId = typeof PaymentId.Type
  type CustomerId = typeof CustomerId.Type
  type UserId = typeof UserId.Type
  type Principal = typeof Principal.Type
  type Currency = typeof Currency.Type
  type Money = typeof Money.Type
}
