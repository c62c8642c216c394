import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  workflows: {
    Checkout: Contract.workflow({ versions: [Schema.Struct({ id: Schema.String, qty: Schema.Number })], idempotencyKey: (p) => p.id })
  }
})
