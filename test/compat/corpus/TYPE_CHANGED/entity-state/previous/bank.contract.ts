import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const Get = Contract.rpc({ success: Schema.Number })

export default Contract.make("bank", {
  entities: { Account: Contract.entity({ state: Schema.Struct({ cents: Schema.Number }), initial: { cents: 0 }, rpcs: { Get } }) }
})
