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
import { PaymentEntity } from "../../../generated/payments/entities/Payment.js"
import type { RefundWorkflow } from "../../../generated/payments/workflows/Refund.js"

const _c = PaymentsContract.workflows.Refund
const _Payment = PaymentsContract.entities.Payment.rpcs.Refund.success

/**
 * Refund a captured payment and record it in the ledger, retrying the provider until it settles.
 * The Payment entity applies the refund (transient delivery errors are retried, typed errors end the workflow)
 * and publishes `PaymentRefunded` in the same transaction; the ledger books it from that event
 * (`projections.Ledger`). A second activity records when the refund settled, so a replay answers the same.
 */
export const RefundHandler: RefundWorkflow.Handler<Sharding | WorkflowEngine | WorkflowInstance> = (input) =>
  Effect.gen(function*() {
    const payments = yield* PaymentEntity.client

    const payment = yield* Activity.make({
      name: "RefundPayment",
      success: _Payment,
      error: _c.error,
      execute: Calls.reliably(payments(Keys.payment(input)).Refund({
        tenantId: input.tenantId,
        paymentId: input.paymentId,
        refundId: input.refundId,
        amount: input.amount
      }))
    })

    const refundedAt = yield* Activity.make({ name: "RefundedAt", success: Schema.DateTimeUtc, execute: DateTime.now })
    yield* Effect.log(`Refund ${input.refundId} of ${Keys.payment(input)} (${input.reason}): ${Money.format(input.amount)}`)
    return { refundId: input.refundId, payment, refundedAt }
  })
