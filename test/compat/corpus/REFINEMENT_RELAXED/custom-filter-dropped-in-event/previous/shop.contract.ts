import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  events: {
    OrderPlaced: Contract.event({ payload: Schema.Struct({ id: Schema.String, quantity: Schema.Number.pipe(Schema.filter((n) => n % 2 === 0, { identifier: "Even" })) }), key: (e) => e.id })
  }
})
