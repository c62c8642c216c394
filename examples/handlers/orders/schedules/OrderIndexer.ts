// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { Keys } from "../../../app/Keys.js"
import { Store } from "../../../app/Store.js"

type _Index = HashMap.HashMap<string, Store.Order>

/** `placed 2 · cancelled 1`: a tenant's orders counted by status. */
const _facets = (index: _Index, tenantId: string): string =>
  Object.entries(Arr.groupBy(Arr.filter(Array.from(HashMap.values(index)), (o) => o.tenantId === tenantId), (o) => o.status))
    .map(([status, orders]) => `${status} ${orders.length}`)
    .join(" · ")

/**
 * One cluster-wide indexer keeping the order search index in step with order events.
 * Schedule `OrderIndexer`: runs on exactly one pod at a time. Follows the store's order feed (snapshot first,
 * then changes) into a status index per tenant, and logs each order whose status it changed.
 */
export const OrderIndexerSchedule: Effect.Effect<void, never, Store> = Effect.gen(function*() {
  const store = yield* Store
  const index = yield* Ref.make<_Index>(HashMap.empty())
  yield* Effect.log("OrderIndexer: following order changes")
  yield* Stream.runForEach(store.orders.watch, (order) =>
    Ref.modify(index, (before) => {
      const changed = Option.match(HashMap.get(before, Keys.order(order)), {
        onNone: () => true,
        onSome: (o) => o.status !== order.status
      })
      const after = HashMap.set(before, Keys.order(order), order)
      return [changed ? Option.some(after) : Option.none(), after] as const
    }).pipe(Effect.flatMap(Option.match({
      onNone: () => Effect.void,
      onSome: (after) =>
        Effect.log(`OrderIndexer: ${Keys.order(order)} is ${order.status} (${order.tenantId}: ${_facets(after, order.tenantId)})`)
    }))))
})
