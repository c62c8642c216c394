// Handler stub created by effect-contracts from test/golden/multi/contracts/billing.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { LedgerEntity } from "../../../generated/billing/entities/Ledger.js"

/** Handlers of entity `Ledger`. Yield the services they need here, then use them below. */
export const LedgerHandlers = Effect.gen(function*() {
  return LedgerEntity.of({
    /** Charge the account once per invoice. */
    Charge: (request) => Effect.dieMessage("not implemented: billing/Ledger.Charge (edit test/golden/multi/handlers/billing/entities/Ledger.ts)"),
    /** Read the balance. */
    Balance: (request) => Effect.dieMessage("not implemented: billing/Ledger.Balance (edit test/golden/multi/handlers/billing/entities/Ledger.ts)")
  })
})
