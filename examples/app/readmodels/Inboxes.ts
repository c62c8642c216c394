/**
 * The inboxes that ever received a notification, in SQL so the digest sender (on whichever pod leads) sees all of
 * them. Written only by the `projections.Inboxes` subscription; each inbox's notifications live in its entity.
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import type { Shared } from "../../../contracts/shared.js"

type _Inbox = { readonly tenantId: Shared.TenantId; readonly customerId: Shared.CustomerId }

const ddl = `CREATE TABLE IF NOT EXISTS shop_inboxes (tenant_id TEXT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (tenant_id, customer_id))`

const make = (sql: SqlClient.SqlClient): Inboxes => ({
  add: (i) =>
    Effect.asVoid(sql`INSERT INTO shop_inboxes (tenant_id, customer_id) VALUES (${i.tenantId}, ${i.customerId})
      ON CONFLICT (tenant_id, customer_id) DO NOTHING`),
  all: sql<{ tenant_id: string; customer_id: string }>`SELECT tenant_id, customer_id FROM shop_inboxes ORDER BY tenant_id, customer_id`.pipe(
    Effect.map((rows) => rows.map((r) => ({ tenantId: r.tenant_id as Shared.TenantId, customerId: r.customer_id as Shared.CustomerId })))
  )
})

/** `Inboxes.make(sql)`: record and list the known inboxes; `Inboxes.ddl` creates the table. */
export const Inboxes = { ddl, make } as const

export interface Inboxes {
  /** Record an inbox; a known one is left as it is. */
  readonly add: (inbox: _Inbox) => Effect.Effect<void, SqlError.SqlError>
  /** Every known inbox. */
  readonly all: Effect.Effect<ReadonlyArray<_Inbox>, SqlError.SqlError>
}
