import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  rpcs: { Ping: Contract.rpc({ success: Schema.String }) }
})
