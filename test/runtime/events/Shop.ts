/**
 * The events tests' app, generated from `test/runtime/events/app/contracts` (shop publishes Sale and Refund;
 * ledger.Record and mailer.Notify subscribe): the pieces the tests and the pod use.
 */
import { Effects } from "./app/Effects.js"
import { AppLayer } from "./app/generated/Layer.js"
import { ShopEvents } from "./app/generated/shop/Events.js"

export const Shop = {
  Sale: ShopEvents.Sale,
  Refund: ShopEvents.Refund,
  publish: ShopEvents.publish,
  subscriptions: AppLayer,
  tables: Effects.tables,
  poison: Effects.poison
} as const
