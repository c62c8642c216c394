import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  jobs: { Reindex: Contract.job({ payload: { catalog: Schema.String }, success: Schema.Struct({ documents: Schema.Int }) }) }
})
