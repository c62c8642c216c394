// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * Hourly, match captured and refunded payments against the provider's ledger.
 * Schedule `ReconcileLedger`: runs on `0 * * * *`, once per tick across the cluster.
 */
export const ReconcileLedgerSchedule: Effect.Effect<void> = Effect.logWarning("not implemented: payments.ReconcileLedger (edit examples/handlers/payments/schedules/ReconcileLedger.ts)")
