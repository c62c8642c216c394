import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  rpcs: {
    Stats: Contract.rpc({ payload: { day: Schema.String }, success: Schema.Number })
  }
})
