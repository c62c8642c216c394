import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const ByCard = Schema.TaggedStruct("ByCard", { last4: Schema.String })

export default Contract.make("shop", {
  rpcs: {
    Pay: Contract.rpc({ payload: Schema.Union(ByCard) })
  }
})
