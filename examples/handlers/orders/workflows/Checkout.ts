// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { CheckoutWorkflow } from "../../../generated/orders/workflows/Checkout.js"

/**
 * Reserve stock, authorize and capture payment, then confirm the order; compensates on failure.
 * Runs workflow `Checkout`: wrap each side effect in an `Activity` so it runs once.
 */
export const CheckoutHandler: CheckoutWorkflow.Handler = (input, executionId) =>
  Effect.dieMessage("not implemented: orders.Checkout (edit examples/handlers/orders/workflows/Checkout.ts)")
