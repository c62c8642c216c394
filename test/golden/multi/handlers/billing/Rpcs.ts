// Handler stub created by effect-contracts from test/golden/multi/contracts/billing.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { BillingRpcs } from "../../generated/billing/Rpcs.js"

/** Handlers of the public RPCs of contract `billing`. Yield the services they need here, then use them below. */
export const BillingRpcHandlers = Effect.gen(function*() {
  return BillingRpcs.of({
    /** List an account's invoices. */
    ListInvoices: (payload) => Effect.dieMessage("not implemented: billing.ListInvoices (edit test/golden/multi/handlers/billing/Rpcs.ts)")
  })
})
