import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  jobs: { SendDigest: Contract.job({ payload: { email: Schema.String, day: Schema.String } }) }
})
