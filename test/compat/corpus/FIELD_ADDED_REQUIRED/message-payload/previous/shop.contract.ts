import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

export default Contract.make("shop", {
  entities: {
    Cart: Contract.entity({ rpcs: { Add: Contract.rpc({ payload: { id: Schema.String } }) } })
  }
})
