// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import type { Sharding } from "@effect/cluster/Sharding"
import * as Activity from "@effect/workflow/Activity"
import type { WorkflowEngine, WorkflowInstance } from "@effect/workflow/WorkflowEngine"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import PaymentsContract from "../../../../contracts/payments.contract.js"
import { Calls } from "../../../app/Calls.js"
import { Keys } from "../../../app/Keys.js"
import { Money } from "../../../app/Money.js"
import { Store } from "../../../app/Store.js"
import { PaymentEntity } from "../../../generated/payments/entities/Payment.js"
import type { RefundWorkflow } from "../../../generated/payments/workflows/Refund.js"

const _c = PaymentsContract.workflows.Refund
const _Payment = PaymentsContract.entities.Payment.rpcs.Refund.success

/**
 * Refund a captured payment and record it in the ledger, retrying the provider until it settles.
 * Two activities: the Payment entity applies the refund (transient delivery errors are retried, typed
 * errors end the workflow), then the refund is booked in the ledger under a deterministic entry id.
 */
export const RefundHandler: RefundWorkflow.Handler<Sharding | Store | WorkflowEngine | WorkflowInstance> = (input) =>
  Effect.gen(function*() {
    const store = yield* Store
    const key = Keys.payment(input)
    const payments = yield* PaymentEntity.client

    const payment = yield* Activity.make({
      name: "RefundPayment",
      success: _Payment,
      error: _c.error,
      execute: Calls.reliably(payments(key).Refund({
        tenantId: input.tenantId,
        paymentId: input.paymentId,
        refundId: input.refundId,
        amount: input.amount
      }))
    })

    const refundedAt = yield* Activity.make({
      name: "RecordLedger",
      success: Schema.DateTimeUtc,
      execute: DateTime.now.pipe(Effect.tap((bookedAt) =>
        store.ledger.put({
          entryId: `refund/${key}/${input.refundId}`,
          tenantId: input.tenantId,
          paymentId: input.paymentId,
          kind: "refund",
          amount: input.amount,
          bookedAt,
          memo: `${input.reason}: ${Money.format(input.amount)}`
        })
      ))
    })

    return { refundId: input.refundId, payment, refundedAt }
  })
