import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const ByCard = Schema.TaggedStruct("ByCard", { last4: Schema.String })

export default Contract.make("shop", {
  events: {
    OrderPlaced: Contract.event({ payload: Schema.Struct({ id: Schema.String, payment: Schema.Union(ByCard) }), key: (e) => e.id })
  }
})
