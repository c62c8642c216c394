// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { OrdersRpcs } from "../../generated/orders/Rpcs.js"

/** Handlers of the public RPCs of contract `orders`. Yield the services they need here, then use them below. */
export const OrdersRpcHandlers = Effect.gen(function*() {
  return OrdersRpcs.of({
    /** Read one order of the caller's tenant. */
    GetOrder: (payload) => Effect.dieMessage("not implemented: orders.GetOrder (edit examples/handlers/orders/Rpcs.ts)"),
    /** List a tenant's orders, newest first, one page at a time. */
    ListOrders: (payload) => Effect.dieMessage("not implemented: orders.ListOrders (edit examples/handlers/orders/Rpcs.ts)"),
    /** Stream every change to a tenant's orders as it happens. */
    WatchOrders: (payload) => Stream.dieMessage("not implemented: orders.WatchOrders (edit examples/handlers/orders/Rpcs.ts)")
  })
})
