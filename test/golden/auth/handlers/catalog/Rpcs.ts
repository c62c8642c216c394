// Handler stub created by effect-contracts from test/golden/auth/contracts/catalog.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { CatalogRpcs } from "../../generated/catalog/Rpcs.js"

/** Handlers of the public RPCs of contract `catalog`. Yield the services they need here, then use them below. */
export const CatalogRpcHandlers = Effect.gen(function*() {
  return CatalogRpcs.of({
    /** Anyone may browse. */
    Browse: (payload) => Effect.dieMessage("not implemented: catalog.Browse (edit test/golden/auth/handlers/catalog/Rpcs.ts)"),
    /**
     * Only a verified user may review.
     * The verified caller: `yield* CurrentCatalogPrincipal`.
     */
    Review: (payload) => Effect.dieMessage("not implemented: catalog.Review (edit test/golden/auth/handlers/catalog/Rpcs.ts)")
  })
})
