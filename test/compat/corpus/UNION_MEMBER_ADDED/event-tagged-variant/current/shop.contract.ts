import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const ByCard = Schema.TaggedStruct("ByCard", { last4: Schema.String })
const ByWire = Schema.TaggedStruct("ByWire", { iban: Schema.String })

export default Contract.make("shop", {
  events: {
    OrderPlaced: Contract.event({ payload: Schema.Struct({ id: Schema.String, payment: Schema.Union(ByCard, ByWire) }), key: (e) => e.id })
  }
})
