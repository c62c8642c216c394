// Handler stub created by effect-contracts from test/golden/state/contracts/bank.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { VaultEntity, VaultState } from "../../../generated/bank/entities/Vault.js"

/**
 * Handlers of entity `Vault`. Yield the services they need here, then use them below.
 * Its state (`VaultState`): `state.get` reads it; `state.update((s) => …)` and `state.modify` change it in one SQL
 * transaction with the events and channel messages the change publishes (a failure rolls back all of them).
 */
export const VaultHandlers = Effect.gen(function*() {
  const state = yield* VaultState
  return VaultEntity.of({
    Open: (request) => Effect.zipRight(state.get, Effect.dieMessage("not implemented: bank/Vault.Open (edit test/golden/state/handlers/bank/entities/Vault.ts)"))
  })
})
