import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  rpcs: {
    Place: Contract.rpc({ payload: { id: Schema.String }, success: Schema.Struct({ quantity: Schema.Number }) })
  }
})
