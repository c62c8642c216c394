/**
 * Golden scenario `multi`, contract one of three: billing, built on the schemas of `shared.ts`.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import { Shared } from "./shared.js"

const _Invoice = Schema.Struct({
  invoiceId: Schema.String,
  accountId: Shared.AccountId,
  total: Shared.Money
}).annotations({ identifier: "Invoice" })

export default Contract.make("billing", {
  events: {
    /** An invoice was issued to an account. */
    InvoiceIssued: Contract.event({ payload: _Invoice, key: (i) => i.invoiceId })
  },
  rpcs: {
    /** List an account's invoices. */
    ListInvoices: Contract.rpc({
      payload: { accountId: Shared.AccountId },
      success: Schema.Array(_Invoice),
      error: Shared.AccountNotFound
    })
  },
  entities: {
    /** One account's ledger, addressed by account id. */
    Ledger: Contract.entity({
      rpcs: {
        /** Charge the account once per invoice. */
        Charge: Contract.rpc({
          payload: { accountId: Shared.AccountId, invoiceId: Schema.String, amount: Shared.Money },
          success: Shared.Money,
          error: Shared.AccountNotFound,
          persisted: true,
          primaryKey: (p) => p.invoiceId
        }),
        /** Read the balance. */
        Balance: Contract.rpc({ payload: { accountId: Shared.AccountId }, success: Shared.Money })
      }
    })
  }
})
