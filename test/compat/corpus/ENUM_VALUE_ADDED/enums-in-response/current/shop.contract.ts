import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

enum Level {
  Low = "low",
  High = "high",
  Urgent = "urgent"
}

export default Contract.make("shop", {
  rpcs: {
    Place: Contract.rpc({ payload: { id: Schema.String }, success: Schema.Enums(Level) })
  }
})
