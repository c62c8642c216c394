import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  rpcs: {
    Watch: Contract.rpc({ payload: { id: Schema.String }, success: Schema.Number, stream: true })
  }
})
