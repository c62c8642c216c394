import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

enum Level {
  Low = "low",
  High = "high"
}

export default Contract.make("shop", {
  rpcs: {
    Place: Contract.rpc({ payload: { id: Schema.String }, success: Schema.Enums(Level) })
  }
})
