import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

class NotFound extends Schema.TaggedError<NotFound>()("NotFound", { id: Schema.String }) {}
class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", { id: Schema.String }) {}

export default Contract.make("shop", {
  rpcs: {
    Place: Contract.rpc({ payload: { id: Schema.String }, error: Schema.Union(NotFound, Forbidden) })
  }
})
