import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  webhooks: { OrderShipped: Contract.webhook({ payload: { orderId: Schema.String, carrier: Schema.String } }) }
})
