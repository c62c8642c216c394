/**
 * Golden scenario `messaging`, the subscriber: subscriptions to one and to two events of `shop` (a contract
 * it imports), and a job with defaults only. No RPCs, entities or events of its own.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import Shop from "./shop.contract.js"

export default Contract.make("mailer", {
  subscriptions: {
    /** Welcome the customer of every placed order. */
    Welcome: Contract.subscription({ to: Shop, events: ["OrderPlaced"] }),
    OrderMails: Contract.subscription({ to: Shop, events: ["OrderPlaced", "OrderCancelled"] })
  },
  jobs: {
    /** Send one day's digest to one address. */
    SendDigest: Contract.job({ payload: { email: Schema.String, day: Schema.String } })
  }
})
