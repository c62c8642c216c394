// Handler stub created by effect-contracts from test/golden/multi/contracts/shipping.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { ShipParcelWorkflow } from "../../../generated/shipping/workflows/ShipParcel.js"

/**
 * Ship a parcel and charge its postage.
 * Runs workflow `ShipParcel`: wrap each side effect in an `Activity` so it runs once.
 */
export const ShipParcelHandler: ShipParcelWorkflow.Handler = (input, executionId) =>
  Effect.dieMessage("not implemented: shipping.ShipParcel (edit test/golden/multi/handlers/shipping/workflows/ShipParcel.ts)")
