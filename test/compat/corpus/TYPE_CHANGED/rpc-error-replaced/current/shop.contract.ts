import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

class Gone extends Schema.TaggedError<Gone>()("Gone", { id: Schema.String }) {}

export default Contract.make("shop", {
  rpcs: {
    Place: Contract.rpc({ payload: { id: Schema.String }, error: Gone })
  }
})
