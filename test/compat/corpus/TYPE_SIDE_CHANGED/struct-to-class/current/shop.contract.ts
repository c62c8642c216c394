import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

class Order extends Schema.Class<Order>("Order")({ id: Schema.String, total: Schema.Number }) {}

export default Contract.make("shop", {
  rpcs: {
    Place: Contract.rpc({ payload: { id: Schema.String }, success: Order })
  }
})
