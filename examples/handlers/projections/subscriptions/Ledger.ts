// Handler stub created by effect-contracts from contracts/projections.contract.ts. Yours to edit: codegen never overwrites it.
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Match from "effect/Match"
import { Keys } from "../../../app/Keys.js"
import { Money } from "../../../app/Money.js"
import { ReadModels } from "../../../app/ReadModels.js"
import type { LedgerSubscription } from "../../../generated/projections/subscriptions/Ledger.js"

/**
 * Every capture and refund, booked in the ledger `ReconcileLedger` checks against the payments. Entry ids are
 * deterministic (`capture/<payment>`, `refund/<payment>/<refund id>`) and the booking commits with
 * `delivery.acknowledge`: a redelivered event books nothing twice.
 */
export const LedgerHandler: LedgerSubscription.Handler<SqlError, ReadModels | SqlClient.SqlClient> = (event, delivery) =>
  Effect.gen(function*() {
    const { ledger } = yield* ReadModels
    const sql = yield* SqlClient.SqlClient
    const entry = Match.valueTags(event, {
      PaymentCaptured: ({ payload: e }) => ({
        entryId: `capture/${Keys.payment(e)}`,
        kind: "capture" as const,
        bookedAt: e.capturedAt,
        memo: `order ${e.orderId}`,
        ...e
      }),
      PaymentRefunded: ({ payload: e }) => ({
        entryId: `refund/${Keys.payment(e)}/${e.refundId}`,
        kind: "refund" as const,
        bookedAt: e.refundedAt,
        memo: `${e.refundId}: ${Money.format(e.amount)}`,
        ...e
      })
    })
    yield* sql.withTransaction(Effect.zipRight(ledger.book(entry), delivery.acknowledge))
  })
