/**
 * Schemas shared by the contracts of the `multi` golden scenario; imported by two of them, so generated
 * code must keep reading them through each contract rather than copying them.
 */
import * as Schema from "effect/Schema"

/** An account, e.g. `acc_42`. */
const AccountId = Schema.String.pipe(Schema.pattern(/^acc_[0-9]+$/), Schema.brand("AccountId"))

/** An amount in minor units with its currency. */
const Money = Schema.Struct({
  cents: Schema.Int,
  currency: Schema.Literal("EUR", "USD")
}).annotations({ identifier: "Money" })

class AccountNotFound extends Schema.TaggedError<AccountNotFound>()("AccountNotFound", { accountId: AccountId }) {}

/** Shared schemas of the scenario. */
export const Shared = { AccountId, Money, AccountNotFound } as const

export declare namespace Shared {
  type AccountId = typeof AccountId.Type
  type Money = typeof Money.Type
}
