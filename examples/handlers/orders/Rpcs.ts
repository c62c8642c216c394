// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Number from "effect/Number"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { Shared } from "../../../contracts/shared.js"
import { Keys } from "../../app/Keys.js"
import { Payloads } from "../../app/Payloads.js"
import { ReadModels } from "../../app/ReadModels.js"
import { OrdersChannels } from "../../generated/orders/Channels.js"
import { OrderEntity } from "../../generated/orders/entities/Order.js"
import { CurrentOrdersPrincipal } from "../../generated/orders/Principal.js"
import { OrdersRpcs } from "../../generated/orders/Rpcs.js"
import { CheckoutWorkflow } from "../../generated/orders/workflows/Checkout.js"
import { EdgeError } from "effect-contracts/EdgeError"
import { EntityClient } from "effect-contracts/EntityClient"

type _Filter = { readonly tenantId: Shared.TenantId; readonly customerId?: Shared.CustomerId | undefined }

const _matches = (f: _Filter) => (o: { readonly tenantId: Shared.TenantId; readonly customerId: Shared.CustomerId }): boolean =>
  o.tenantId === f.tenantId && (f.customerId === undefined || o.customerId === f.customerId)

/** The tenant's `OrderUpdates` from now on, as the orders that match the filter (`Payloads.of`). */
const _updates = (f: _Filter) =>
  Stream.filter(Payloads.of(OrdersChannels.OrderUpdates.subscribe(f.tenantId), "WatchOrders"), _matches(f))

/** Only the caller's own tenant: another tenant's orders are `Forbidden`, whatever the payload asks for. */
const _own = (payload: { readonly tenantId: Shared.TenantId }) =>
  Effect.flatMap(CurrentOrdersPrincipal, (caller) =>
    caller.tenantId === payload.tenantId
      ? Effect.void
      : Effect.fail(new EdgeError.Forbidden({ message: `${caller.userId} of ${caller.tenantId} may not read or change orders of ${payload.tenantId}` })))

/** The cursor is the offset of the next page, as a decimal string; a malformed one starts over. */
const _offset = (cursor: string | undefined): number =>
  Option.fromNullable(cursor).pipe(Option.flatMap(Number.parse), Option.filter((n) => n >= 0 && n % 1 === 0), Option.getOrElse(() => 0))

/** The order list could not be read (its database): the caller may retry; nothing was changed. */
const _unreadable = (e: { readonly message: string }) => new EdgeError.Unavailable({ message: `ListOrders: ${e.message}`, outcome: "not-stored" })

/**
 * Handlers of the public RPCs of contract `orders`. Placing and reading one order go to its entity (the
 * source of truth, on whichever pod holds its shard): `EntityClient.forward` retries the cluster's transient
 * failures and answers the caller a typed `Unavailable` when the entity cannot answer in time, never a hang;
 * lists read the order list (`ReadModels`, SQL, the same on every pod), which the `projections.OrderList`
 * subscription keeps in step with the orders' events, a moment after each change; watching follows the
 * tenant's `OrderUpdates` channel, which the Order entities of every pod publish to. Checkout runs the Checkout
 * workflow. Every RPC needs a verified principal (`OrdersVerifier`) and serves its tenant only.
 */
export const OrdersRpcHandlers = Effect.gen(function*() {
  const { orders: list } = yield* ReadModels
  const orders = yield* EntityClient.make(OrderEntity)
  return OrdersRpcs.of({
    /** Read one order of the caller's tenant. */
    GetOrder: (payload) => Effect.zipRight(_own(payload), EntityClient.forward(orders(Keys.order(payload)).Get(payload))),
    /** List a tenant's orders, newest first, one page at a time. */
    ListOrders: (payload) => {
      const offset = _offset(payload.cursor)
      return _own(payload).pipe(
        Effect.zipRight(list.list({ ...payload, offset })),
        Effect.map(({ more, orders }) => ({ orders, nextCursor: more ? `${offset + payload.limit}` : null })),
        Effect.catchTags({ SqlError: (e) => Effect.fail(_unreadable(e)), ParseError: (e) => Effect.die(e) })
      )
    },
    /** Stream every change to a tenant's orders (or one customer's) from now on, whichever pod made it. */
    WatchOrders: (payload) => Stream.unwrap(Effect.as(_own(payload), _updates(payload))),
    /** Place an order from any pod: forwarded to the order's entity, wherever its shard lives now. */
    PlaceOrder: (payload) => Effect.zipRight(_own(payload), EntityClient.forward(orders(Keys.order(payload)).Place(payload))),
    /** Check out a cart and wait for the outcome (the Checkout workflow); a retried call joins the same run. */
    CheckoutOrder: (input) => Effect.zipRight(_own(input), CheckoutWorkflow.execute({ input }))
  })
})
