// Handler stub created by effect-contracts from test/golden/state/contracts/bank.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { AccountEntity, AccountState } from "../../../generated/bank/entities/Account.js"

/**
 * Handlers of entity `Account`. Yield the services they need here, then use them below.
 * Its state (`AccountState`): `state.get` reads it; `state.update((s) => …)` and `state.modify` change it in one SQL
 * transaction with the events and channel messages the change publishes (a failure rolls back all of them).
 */
export const AccountHandlers = Effect.gen(function*() {
  const state = yield* AccountState
  return AccountEntity.of({
    /** Add money; each reference counts once. */
    Deposit: (request) => Effect.zipRight(state.get, Effect.dieMessage("not implemented: bank/Account.Deposit (edit test/golden/state/handlers/bank/entities/Account.ts)")),
    /** The current balance, in cents. */
    Balance: (request) => Effect.zipRight(state.get, Effect.dieMessage("not implemented: bank/Account.Balance (edit test/golden/state/handlers/bank/entities/Account.ts)")),
    /** Every deposit as it is made. */
    Watch: (request) => Stream.unwrap(Effect.as(state.get, Stream.dieMessage("not implemented: bank/Account.Watch (edit test/golden/state/handlers/bank/entities/Account.ts)")))
  })
})
