// Handler stub created by effect-contracts from test/golden/schemas/contracts/catalog.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { ProductEntity } from "../../../generated/catalog/entities/Product.js"

/** Handlers of entity `Product`. Yield the services they need here, then use them below. */
export const ProductHandlers = Effect.gen(function*() {
  return ProductEntity.of({
    /** Change the price: a `Schema.Class` payload with a defaulted field. */
    Reprice: (request) => Effect.dieMessage("not implemented: catalog/Product.Reprice (edit test/golden/schemas/handlers/catalog/entities/Product.ts)"),
    /** Record a shipment: a `Schema.TaggedClass` payload. */
    Ship: (request) => Effect.dieMessage("not implemented: catalog/Product.Ship (edit test/golden/schemas/handlers/catalog/entities/Product.ts)"),
    /** Measure: a tuple payload with an optional element and a rest. */
    Measure: (request) => Effect.dieMessage("not implemented: catalog/Product.Measure (edit test/golden/schemas/handlers/catalog/entities/Product.ts)"),
    /** Follow the product's shipments from the entity. */
    Follow: (request) => Stream.dieMessage("not implemented: catalog/Product.Follow (edit test/golden/schemas/handlers/catalog/entities/Product.ts)")
  })
})
