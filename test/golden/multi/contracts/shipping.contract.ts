/**
 * Golden scenario `multi`, contract two of three: shipping, sharing `shared.ts` with billing.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import { Shared } from "./shared.js"

const _Parcel = Schema.Struct({
  parcelId: Schema.String,
  accountId: Shared.AccountId,
  postage: Shared.Money
}).annotations({ identifier: "Parcel" })

export default Contract.make("shipping", {
  rpcs: {
    /** Quote the postage of a parcel. */
    QuotePostage: Contract.rpc({
      payload: { accountId: Shared.AccountId, grams: Schema.Int },
      success: Shared.Money,
      error: Shared.AccountNotFound
    })
  },
  workflows: {
    /** Ship a parcel and charge its postage. */
    ShipParcel: Contract.workflow({
      versions: [_Parcel],
      idempotencyKey: (p) => p.parcelId,
      success: Schema.Struct({ trackingCode: Schema.String }),
      error: Shared.AccountNotFound
    })
  },
  schedules: {
    /** Every hour, hand queued parcels to the carrier. */
    HandOver: Contract.schedule({ cron: "0 * * * *" })
  }
})
