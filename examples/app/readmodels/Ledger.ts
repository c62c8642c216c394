/**
 * The shop's ledger: one entry per capture and per refund, as the Payment entities' events report them, in SQL so
 * every pod books and reads the same. Written only by the `projections.Ledger` subscription; entry ids are
 * deterministic, so a redelivered event books nothing twice.
 */
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type { Shared } from "../../../contracts/shared.js"

/** One booking: what was captured from, or refunded to, a customer. */
interface _Entry {
  /** `<kind>/<tenant>/<payment>[/<refund id>]`: the same event always books the same entry. */
  readonly entryId: string
  readonly tenantId: Shared.TenantId
  readonly paymentId: Shared.PaymentId
  readonly orderId: Shared.OrderId
  readonly kind: "capture" | "refund"
  readonly amount: Shared.Money
  readonly bookedAt: DateTime.Utc
  readonly memo: string
}

const ddl = `CREATE TABLE IF NOT EXISTS shop_ledger (entry_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, payment_id TEXT NOT NULL,
  order_id TEXT NOT NULL, kind TEXT NOT NULL, amount_cents BIGINT NOT NULL, currency TEXT NOT NULL, booked_at TEXT NOT NULL, memo TEXT NOT NULL)`

interface _Row {
  readonly entry_id: string
  readonly tenant_id: string
  readonly payment_id: string
  readonly order_id: string
  readonly kind: string
  readonly amount_cents: number | string
  readonly currency: string
  readonly booked_at: string
  readonly memo: string
}

/** A row as booked by `book` (its values were checked by the event's schema then). */
const _entry = (r: _Row): _Entry => ({
  entryId: r.entry_id,
  tenantId: r.tenant_id as Shared.TenantId,
  paymentId: r.payment_id as Shared.PaymentId,
  orderId: r.order_id as Shared.OrderId,
  kind: r.kind === "refund" ? "refund" : "capture",
  amount: { amountCents: Number(r.amount_cents), currency: r.currency as Shared.Currency },
  bookedAt: DateTime.unsafeMake(r.booked_at),
  memo: r.memo
})

const make = (sql: SqlClient.SqlClient): Ledger => ({
  book: (e) =>
    Effect.asVoid(sql`INSERT INTO shop_ledger ${
      sql.insert({
        entry_id: e.entryId,
        tenant_id: e.tenantId,
        payment_id: e.paymentId,
        order_id: e.orderId,
        kind: e.kind,
        amount_cents: e.amount.amountCents,
        currency: e.amount.currency,
        booked_at: DateTime.formatIso(e.bookedAt),
        memo: e.memo
      })
    } ON CONFLICT (entry_id) DO NOTHING`),
  all: sql<_Row>`SELECT * FROM shop_ledger ORDER BY booked_at, entry_id`.pipe(Effect.map((rows) => rows.map(_entry)))
})

/** `Ledger.make(sql)`: book and read entries; `Ledger.ddl` creates the table. */
export const Ledger = { ddl, make } as const

export interface Ledger {
  /** Book an entry; one already booked under its id is left as it is. */
  readonly book: (entry: _Entry) => Effect.Effect<void, SqlError.SqlError>
  /** Every entry, oldest first. */
  readonly all: Effect.Effect<ReadonlyArray<_Entry>, SqlError.SqlError>
}

export declare namespace Ledger {
  type Entry = _Entry
}
