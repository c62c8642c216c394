import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("billing", {
  auth: { principal: Schema.Struct({ userId: Schema.String }) },
  rpcs: {
    GetInvoice: Contract.rpc({ payload: { id: Schema.String }, success: Schema.String })
  }
})
