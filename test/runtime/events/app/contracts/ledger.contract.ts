/**
 * The events tests' first subscriber: records every sale and refund of the shop, refusing poison sales.
 */
import { Contract } from "effect-contracts"
import Shop from "./shop.contract.js"

export default Contract.make("ledger", {
  subscriptions: {
    /** Every sale and refund, once each. */
    Record: Contract.subscription({ to: Shop, events: ["Sale", "Refund"] })
  }
})
