// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import { ReadModels } from "../../../app/ReadModels.js"

type _Status = { readonly key: string; readonly tenantId: string; readonly status: string }
type _Index = HashMap.HashMap<string, _Status>

/** `placed 2 · cancelled 1`: a tenant's orders counted by status. */
const _facets = (index: _Index, tenantId: string): string =>
  Object.entries(Arr.groupBy(Arr.filter(Array.from(HashMap.values(index)), (o) => o.tenantId === tenantId), (o) => o.status))
    .map(([status, orders]) => `${status} ${orders.length}`)
    .join(" · ")

/**
 * One cluster-wide indexer keeping the order search index in step with order events.
 * Schedule `OrderIndexer`: runs on exactly one pod at a time. Every two seconds it reads the order list (SQL, fed by
 * the orders' events) into a status index per tenant, and logs each order whose status it changed. A new leader
 * rebuilds the index from the list, so nothing is lost when the singleton moves.
 */
export const OrderIndexerSchedule: Effect.Effect<void, never, ReadModels> = Effect.gen(function*() {
  const { orders } = yield* ReadModels
  const index = yield* Ref.make<_Index>(HashMap.empty())
  const pass = Effect.flatMap(orders.statuses, (all) =>
    Effect.forEach(all, (order) =>
      Ref.modify(index, (before) => {
        const changed = Option.match(HashMap.get(before, order.key), { onNone: () => true, onSome: (o) => o.status !== order.status })
        const after = HashMap.set(before, order.key, order)
        return [changed ? Option.some(after) : Option.none(), after] as const
      }).pipe(Effect.flatMap(Option.match({
        onNone: () => Effect.void,
        onSome: (after) => Effect.log(`OrderIndexer: ${order.key} is ${order.status} (${order.tenantId}: ${_facets(after, order.tenantId)})`)
      }))), { discard: true })).pipe(Effect.catchAll((e) => Effect.logWarning("OrderIndexer: the order list could not be read", e)))
  yield* Effect.log("OrderIndexer: following order changes")
  yield* Effect.repeat(pass, Schedule.spaced("2 seconds"))
})
