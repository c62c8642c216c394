// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { OrderEntity } from "../../../generated/orders/entities/Order.js"

/** Handlers of entity `Order`. Yield the services they need here, then use them below. */
export const OrderHandlers = Effect.gen(function*() {
  return OrderEntity.of({
    /** Place the order; redelivery of the same order id is deduplicated. */
    Place: (request) => Effect.dieMessage("not implemented: orders/Order.Place (edit examples/handlers/orders/entities/Order.ts)"),
    /** Cancel the order unless it has shipped. */
    Cancel: (request) => Effect.dieMessage("not implemented: orders/Order.Cancel (edit examples/handlers/orders/entities/Order.ts)"),
    /** Read the order's current state from the entity. */
    Get: (request) => Effect.dieMessage("not implemented: orders/Order.Get (edit examples/handlers/orders/entities/Order.ts)")
  })
})
