/**
 * Golden scenario `auth`: a contract whose public RPCs are anonymous unless they say they need a principal.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import { Shared } from "./shared.js"

export default Contract.make("catalog", {
  auth: { principal: Shared.Principal, default: "none" },
  rpcs: {
    /** Anyone may browse. */
    Browse: Contract.rpc({ payload: { page: Schema.Int }, success: Schema.Array(Schema.String) }),
    /** Only a verified user may review. */
    Review: Contract.rpc({ payload: { sku: Schema.String, stars: Schema.Int.pipe(Schema.between(1, 5)) }, auth: "required" })
  }
})
