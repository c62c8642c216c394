// Handler stub created by effect-contracts from test/golden/auth/contracts/notes.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { NotebookEntity } from "../../../generated/notes/entities/Notebook.js"

/** Handlers of entity `Notebook`. Yield the services they need here, then use them below. */
export const NotebookHandlers = Effect.gen(function*() {
  return NotebookEntity.of({
    Read: (request) => Effect.dieMessage("not implemented: notes/Notebook.Read (edit test/golden/auth/handlers/notes/entities/Notebook.ts)")
  })
})
