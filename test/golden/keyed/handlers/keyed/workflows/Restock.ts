// Handler stub created by effect-contracts from test/golden/keyed/contracts/keyed.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { RestockWorkflow } from "../../../generated/keyed/workflows/Restock.js"

/** Runs workflow `Restock`: wrap each side effect in an `Activity` so it runs once. */
export const RestockHandler: RestockWorkflow.Handler = (input, executionId) =>
  Effect.dieMessage("not implemented: keyed.Restock (edit test/golden/keyed/handlers/keyed/workflows/Restock.ts)")
