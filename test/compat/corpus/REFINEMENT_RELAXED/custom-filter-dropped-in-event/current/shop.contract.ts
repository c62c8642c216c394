import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  events: {
    OrderPlaced: Contract.event({ payload: Schema.Struct({ id: Schema.String, quantity: Schema.Number }), key: (e) => e.id })
  }
})
