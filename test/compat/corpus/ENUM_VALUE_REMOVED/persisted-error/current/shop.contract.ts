import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

class Rejected extends Schema.TaggedError<Rejected>()("Rejected", { reason: Schema.Literal("full") }) {}

export default Contract.make("shop", {
  entities: {
    Cart: Contract.entity({ rpcs: { Add: Contract.rpc({ payload: { id: Schema.String }, error: Rejected, persisted: true, primaryKey: (p) => p.id }) } })
  }
})
