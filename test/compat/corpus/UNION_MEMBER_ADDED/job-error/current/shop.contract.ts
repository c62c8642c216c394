import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

class Busy extends Schema.TaggedError<Busy>()("Busy", {}) {}
class Gone extends Schema.TaggedError<Gone>()("Gone", {}) {}

export default Contract.make("shop", {
  jobs: { Reindex: Contract.job({ payload: { catalog: Schema.String }, error: Schema.Union(Busy, Gone) }) }
})
