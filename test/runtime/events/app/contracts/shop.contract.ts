/**
 * The events tests' publisher: a shop whose sales and refunds are published in the transactions that
 * record them. `Sale` ids that are multiples of 97 are poison to the ledger (see its handler).
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  events: {
    /** A sale was recorded. */
    Sale: Contract.event({
      payload: Schema.Struct({ id: Schema.Int, amount: Schema.Number.pipe(Schema.positive()) }),
      key: (e) => String(e.id)
    }),
    /** A sale was refunded. */
    Refund: Contract.event({ payload: Schema.Struct({ id: Schema.Int }), key: (e) => String(e.id) })
  }
})
