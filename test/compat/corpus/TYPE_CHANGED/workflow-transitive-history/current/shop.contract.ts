import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  workflows: {
    Checkout: Contract.workflow({ versions: [Schema.Struct({ id: Schema.String, qty: Schema.optional(Schema.String) })], idempotencyKey: (p) => p.id })
  }
})
