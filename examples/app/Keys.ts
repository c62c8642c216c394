/**
 * Entity ids and read-model keys of the example app: one tenant-scoped string per addressable thing.
 * Pure string building only; it must not look anything up or talk to the cluster.
 */
import type { Shared } from "../../contracts/shared.js"

type _Tenant = { readonly tenantId: Shared.TenantId }

/**
 * Every key is `<tenant>/<id>`: the same order id in two tenants is two entities, on their own shards.
 * The Order, Payment and Inbox entities are addressed by `Keys.order`, `Keys.payment` and `Keys.inbox`.
 */
export const Keys = {
  order: (o: _Tenant & { readonly orderId: Shared.OrderId }): string => `${o.tenantId}/${o.orderId}`,
  payment: (p: _Tenant & { readonly paymentId: Shared.PaymentId }): string => `${p.tenantId}/${p.paymentId}`,
  inbox: (i: _Tenant & { readonly customerId: Shared.CustomerId }): string => `${i.tenantId}/${i.customerId}`,
  notification: (n: _Tenant & { readonly customerId: Shared.CustomerId; readonly notificationId: string }): string =>
    `${n.tenantId}/${n.customerId}/${n.notificationId}`
} as const
