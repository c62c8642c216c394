// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import type { Sharding } from "@effect/cluster/Sharding"
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { EntityClient } from "effect-contracts/EntityClient"
import { Keys } from "../../../app/Keys.js"
import { ReadModels } from "../../../app/ReadModels.js"
import { PaymentEntity } from "../../../generated/payments/entities/Payment.js"

const _booked = (entries: ReadonlyArray<ReadModels.LedgerEntry>, kind: ReadModels.LedgerEntry["kind"]): number =>
  Arr.reduce(Arr.filter(entries, (e) => e.kind === kind), 0, (sum, e) => sum + e.amount.amountCents)

/**
 * Hourly, match captured and refunded payments against the provider's ledger.
 * Schedule `ReconcileLedger`: runs on `0 * * * *`, once per tick across the cluster. For every payment the ledger
 * (SQL, fed by the payments' events) booked, the captured and refunded amounts its Payment entity holds must
 * equal what the ledger booked for it; each mismatch is a warning.
 */
export const ReconcileLedgerSchedule: Effect.Effect<void, never, ReadModels | Sharding> = Effect.gen(function*() {
  const { ledger } = yield* ReadModels
  const payments = yield* EntityClient.make(PaymentEntity)
  const byPayment = Object.values(Arr.groupBy(yield* ledger.all, (e) => Keys.payment(e)))
  const mismatches = yield* Effect.forEach(byPayment, (entries) => {
    const { paymentId, tenantId } = entries[0]!
    const [captured, refunded] = [_booked(entries, "capture"), _booked(entries, "refund")]
    return EntityClient.forward(payments(Keys.payment({ tenantId, paymentId })).Get({ tenantId, paymentId })).pipe(
      Effect.map((p) =>
        captured === p.captured.amountCents && refunded === p.refunded.amountCents
          ? Option.none()
          : Option.some(`${Keys.payment(p)}: provider ${p.captured.amountCents}/${p.refunded.amountCents}, ledger ${captured}/${refunded}`)
      ),
      Effect.catchTags({
        PaymentNotFound: () => Effect.succeed(Option.some(`${Keys.payment({ tenantId, paymentId })}: booked, but no such payment`)),
        Unavailable: (e) => Effect.succeed(Option.some(`${Keys.payment({ tenantId, paymentId })}: not checked (${e.message})`))
      })
    )
  }, { concurrency: 4 })
  const found = Arr.getSomes(mismatches)
  yield* Effect.forEach(found, (m) => Effect.logWarning(`ReconcileLedger: mismatch ${m} (captured/refunded cents)`))
  yield* Effect.log(`ReconcileLedger: ${byPayment.length} payment(s) checked, ${found.length} mismatch(es)`)
}).pipe(Effect.catchTag("SqlError", (e) => Effect.logWarning("ReconcileLedger: the ledger could not be read; next tick", e)))
