/**
 * Golden scenario `state`: entities with durable state. `Account` keeps a balance and its recent deposits (a
 * Struct with a default), `Vault` is nullable until opened, `Teller` has none. Schemas only.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const AccountId = Schema.String.pipe(Schema.brand("AccountId"))

const Balance = Schema.Struct({
  cents: Schema.Int,
  deposits: Schema.Array(Schema.Struct({ ref: Schema.String, cents: Schema.Int.pipe(Schema.positive()) })),
  frozen: Schema.optionalWith(Schema.Boolean, { default: () => false })
}).annotations({ identifier: "Balance" })

class Vault extends Schema.Class<Vault>("Vault")({ owner: Schema.String, openedAt: Schema.DateTimeUtc }) {}

export default Contract.make("bank", {
  events: {
    /** Money arrived on an account. */
    Deposited: Contract.event({ payload: Schema.Struct({ accountId: AccountId, ref: Schema.String, cents: Schema.Int }), key: (e) => e.ref })
  },
  entities: {
    /** One account: its balance changes with the events that announce them. */
    Account: Contract.entity({
      /** The balance and the deposits that made it. */
      state: Balance,
      initial: { cents: 0, deposits: [], frozen: false },
      rpcs: {
        /** Add money; each reference counts once. */
        Deposit: Contract.rpc({
          payload: { accountId: AccountId, ref: Schema.String, cents: Schema.Int.pipe(Schema.positive()) },
          success: Schema.Int,
          persisted: true,
          primaryKey: (p) => p.ref
        }),
        /** The current balance, in cents. */
        Balance: Contract.rpc({ payload: { accountId: AccountId }, success: Schema.Int }),
        /** Every deposit as it is made. */
        Watch: Contract.rpc({ payload: { accountId: AccountId }, success: Schema.Int, stream: true })
      },
      concurrency: 1
    }),
    /** A safe-deposit box: nothing until it is opened. */
    Vault: Contract.entity({
      state: Schema.NullOr(Vault),
      initial: null,
      rpcs: { Open: Contract.rpc({ payload: { owner: Schema.String }, success: Vault }) }
    }),
    /** Stateless: it only forwards. */
    Teller: Contract.entity({ rpcs: { Greet: Contract.rpc({ success: Schema.String }) } })
  }
})
