// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Keys } from "../../../app/Keys.js"
import { Store } from "../../../app/Store.js"

const _booked = (entries: ReadonlyArray<Store.LedgerEntry>, kind: Store.LedgerEntry["kind"]): number =>
  Arr.reduce(Arr.filter(entries, (e) => e.kind === kind), 0, (sum, e) => sum + e.amount.amountCents)

/**
 * Hourly, match captured and refunded payments against the provider's ledger.
 * Schedule `ReconcileLedger`: runs on `0 * * * *`, once per tick across the cluster. Every payment's
 * captured and refunded amounts must equal what the ledger booked for it; each mismatch is a warning.
 */
export const ReconcileLedgerSchedule: Effect.Effect<void, never, Store> = Effect.gen(function*() {
  const store = yield* Store
  const payments = yield* store.payments.all
  const byPayment = Arr.groupBy(yield* store.ledger.all, (e) => Keys.payment(e))
  const mismatches = Arr.filterMap(payments, (p) => {
    const entries = byPayment[Keys.payment(p)] ?? []
    const [captured, refunded] = [_booked(entries, "capture"), _booked(entries, "refund")]
    return captured === p.captured.amountCents && refunded === p.refunded.amountCents
      ? Option.none()
      : Option.some(`${Keys.payment(p)}: provider ${p.captured.amountCents}/${p.refunded.amountCents}, ledger ${captured}/${refunded}`)
  })
  yield* Effect.forEach(mismatches, (m) => Effect.logWarning(`ReconcileLedger: mismatch ${m} (captured/refunded cents)`))
  yield* Effect.log(`ReconcileLedger: ${payments.length} payment(s) checked, ${mismatches.length} mismatch(es)`)
})
