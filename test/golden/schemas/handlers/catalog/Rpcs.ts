// Handler stub created by effect-contracts from test/golden/schemas/contracts/catalog.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { CatalogRpcs } from "../../generated/catalog/Rpcs.js"

/** Handlers of the public RPCs of contract `catalog`. Yield the services they need here, then use them below. */
export const CatalogRpcHandlers = Effect.gen(function*() {
  return CatalogRpcs.of({
    /** Read one product (a `Schema.Class`). */
    GetProduct: (payload) => Effect.dieMessage("not implemented: catalog.GetProduct (edit test/golden/schemas/handlers/catalog/Rpcs.ts)"),
    /** Search with defaults, nullable and literal fields. */
    SearchProducts: (payload) => Effect.dieMessage("not implemented: catalog.SearchProducts (edit test/golden/schemas/handlers/catalog/Rpcs.ts)"),
    /** The whole category tree (recursive). */
    GetCategories: (payload) => Effect.dieMessage("not implemented: catalog.GetCategories (edit test/golden/schemas/handlers/catalog/Rpcs.ts)"),
    /** Pay with a tagged union payload; fails with one of two tagged errors. */
    Pay: (payload) => Effect.dieMessage("not implemented: catalog.Pay (edit test/golden/schemas/handlers/catalog/Rpcs.ts)"),
    /** Stream shipments of a product as they move. */
    WatchShipments: (payload) => Stream.dieMessage("not implemented: catalog.WatchShipments (edit test/golden/schemas/handlers/catalog/Rpcs.ts)")
  })
})
