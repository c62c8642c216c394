// Handler stub created by effect-contracts from test/golden/kinds/contracts/kinds.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { ImportWorkflow } from "../../../generated/kinds/workflows/Import.js"

/**
 * Import tickets from a URL; v2 added the format, v3 a dry run.
 * Runs workflow `Import`: wrap each side effect in an `Activity` so it runs once.
 */
export const ImportHandler: ImportWorkflow.Handler = (input, executionId) =>
  Effect.dieMessage("not implemented: kinds.Import (edit test/golden/kinds/handlers/kinds/workflows/Import.ts)")
