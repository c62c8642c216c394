import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

class CartFull extends Schema.TaggedError<CartFull>()("CartFull", { id: Schema.String }) {}

export default Contract.make("shop", {
  entities: {
    Cart: Contract.entity({ rpcs: { Add: Contract.rpc({ payload: { id: Schema.String }, error: CartFull }) } })
  }
})
