// Handler stub created by effect-contracts from test/golden/state/contracts/bank.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { TellerEntity } from "../../../generated/bank/entities/Teller.js"

/** Handlers of entity `Teller`. Yield the services they need here, then use them below. */
export const TellerHandlers = Effect.gen(function*() {
  return TellerEntity.of({
    Greet: (request) => Effect.dieMessage("not implemented: bank/Teller.Greet (edit test/golden/state/handlers/bank/entities/Teller.ts)")
  })
})
