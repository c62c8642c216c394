// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { RefundWorkflow } from "../../../generated/payments/workflows/Refund.js"

/**
 * Refund a captured payment and record it in the ledger, retrying the provider until it settles.
 * Runs workflow `Refund`: wrap each side effect in an `Activity` so it runs once.
 */
export const RefundHandler: RefundWorkflow.Handler = (input, executionId) =>
  Effect.dieMessage("not implemented: payments.Refund (edit examples/handlers/payments/workflows/Refund.ts)")
