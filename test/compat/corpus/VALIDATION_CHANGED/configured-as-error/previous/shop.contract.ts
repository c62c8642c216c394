import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  rpcs: {
    Place: Contract.rpc({ payload: { id: Schema.String, quantity: Schema.Number.pipe(Schema.filter((n) => n % 3 === 0, { identifier: "Triple" })) } })
  }
})
