import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  channels: { OrderUpdates: Contract.channel({ key: Schema.String, payload: { orderId: Schema.String, note: Schema.optional(Schema.String) } }) }
})
