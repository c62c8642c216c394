// Handler stub created by effect-contracts from test/golden/keyed/contracts/keyed.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { ItemEntity } from "../../../generated/keyed/entities/Item.js"

/** Handlers of entity `Item`. Yield the services they need here, then use them below. */
export const ItemHandlers = Effect.gen(function*() {
  return ItemEntity.of({
    Create: (request) => Effect.dieMessage("not implemented: keyed/Item.Create (edit test/golden/keyed/handlers/keyed/entities/Item.ts)"),
    Touch: (request) => Effect.dieMessage("not implemented: keyed/Item.Touch (edit test/golden/keyed/handlers/keyed/entities/Item.ts)"),
    Reserve: (request) => Effect.dieMessage("not implemented: keyed/Item.Reserve (edit test/golden/keyed/handlers/keyed/entities/Item.ts)"),
    Label: (request) => Effect.dieMessage("not implemented: keyed/Item.Label (edit test/golden/keyed/handlers/keyed/entities/Item.ts)"),
    Rename: (request) => Effect.dieMessage("not implemented: keyed/Item.Rename (edit test/golden/keyed/handlers/keyed/entities/Item.ts)"),
    Archive: (request) => Effect.dieMessage("not implemented: keyed/Item.Archive (edit test/golden/keyed/handlers/keyed/entities/Item.ts)"),
    Move: (request) => Effect.dieMessage("not implemented: keyed/Item.Move (edit test/golden/keyed/handlers/keyed/entities/Item.ts)"),
    /** No payload: the constant key makes it run once per item. */
    Init: (request) => Effect.dieMessage("not implemented: keyed/Item.Init (edit test/golden/keyed/handlers/keyed/entities/Item.ts)")
  })
})
