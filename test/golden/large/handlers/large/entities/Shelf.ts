// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { ShelfEntity } from "../../../generated/large/entities/Shelf.js"

/** Handlers of entity `Shelf`. Yield the services they need here, then use them below. */
export const ShelfHandlers = Effect.gen(function*() {
  return ShelfEntity.of({
    Put0: (request) => Effect.dieMessage("not implemented: large/Shelf.Put0 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek1: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek1 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put2: (request) => Effect.dieMessage("not implemented: large/Shelf.Put2 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek3: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek3 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put4: (request) => Effect.dieMessage("not implemented: large/Shelf.Put4 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek5: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek5 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put6: (request) => Effect.dieMessage("not implemented: large/Shelf.Put6 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek7: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek7 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put8: (request) => Effect.dieMessage("not implemented: large/Shelf.Put8 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek9: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek9 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put10: (request) => Effect.dieMessage("not implemented: large/Shelf.Put10 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek11: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek11 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put12: (request) => Effect.dieMessage("not implemented: large/Shelf.Put12 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek13: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek13 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put14: (request) => Effect.dieMessage("not implemented: large/Shelf.Put14 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek15: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek15 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put16: (request) => Effect.dieMessage("not implemented: large/Shelf.Put16 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek17: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek17 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put18: (request) => Effect.dieMessage("not implemented: large/Shelf.Put18 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek19: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek19 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put20: (request) => Effect.dieMessage("not implemented: large/Shelf.Put20 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek21: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek21 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put22: (request) => Effect.dieMessage("not implemented: large/Shelf.Put22 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek23: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek23 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put24: (request) => Effect.dieMessage("not implemented: large/Shelf.Put24 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek25: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek25 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put26: (request) => Effect.dieMessage("not implemented: large/Shelf.Put26 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek27: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek27 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Put28: (request) => Effect.dieMessage("not implemented: large/Shelf.Put28 (edit test/golden/large/handlers/large/entities/Shelf.ts)"),
    Peek29: (request) => Effect.dieMessage("not implemented: large/Shelf.Peek29 (edit test/golden/large/handlers/large/entities/Shelf.ts)")
  })
})
