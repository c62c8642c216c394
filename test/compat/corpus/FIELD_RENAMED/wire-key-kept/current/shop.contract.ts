import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  events: {
    OrderPlaced: Contract.event({ payload: Schema.Struct({ id: Schema.String, customerRef: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("customerId")).annotations({ [Symbol.for("effect-contracts/renamedFrom")]: "customerId" }) }), key: (e) => e.id })
  }
})
