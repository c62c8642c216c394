import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

class PaymentDeclined extends Schema.TaggedError<PaymentDeclined>()("PaymentDeclined", { id: Schema.String }) {}

export default Contract.make("shop", {
  workflows: {
    Checkout: Contract.workflow({ versions: [Schema.Struct({ id: Schema.String })], idempotencyKey: (p) => p.id, error: PaymentDeclined })
  }
})
