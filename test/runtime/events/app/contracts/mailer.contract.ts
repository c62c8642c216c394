/**
 * The events tests' second subscriber: one mail per sale.
 */
import { Contract } from "effect-contracts"
import Shop from "./shop.contract.js"

export default Contract.make("mailer", {
  subscriptions: {
    /** Every sale, once. */
    Notify: Contract.subscription({ to: Shop, events: ["Sale"] })
  }
})
