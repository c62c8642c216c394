import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  auth: { principal: Schema.Struct({ userId: Schema.String }) },
  rpcs: {
    GetItem: Contract.rpc({ payload: { id: Schema.String }, success: Schema.String })
  }
})
