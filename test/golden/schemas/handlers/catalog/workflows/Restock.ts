// Handler stub created by effect-contracts from test/golden/schemas/contracts/catalog.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { RestockWorkflow } from "../../../generated/catalog/workflows/Restock.js"

/**
 * Restock a SKU; v1 sent the quantity as a string, v2 is a class, v3 a tagged struct.
 * Runs workflow `Restock`: wrap each side effect in an `Activity` so it runs once.
 */
export const RestockHandler: RestockWorkflow.Handler = (input, executionId) =>
  Effect.dieMessage("not implemented: catalog.Restock (edit test/golden/schemas/handlers/catalog/workflows/Restock.ts)")
