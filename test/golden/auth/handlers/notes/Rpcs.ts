// Handler stub created by effect-contracts from test/golden/auth/contracts/notes.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { NotesRpcs } from "../../generated/notes/Rpcs.js"

/** Handlers of the public RPCs of contract `notes`. Yield the services they need here, then use them below. */
export const NotesRpcHandlers = Effect.gen(function*() {
  return NotesRpcs.of({
    /**
     * Read one note of the caller's tenant.
     * The verified caller: `yield* CurrentNotesPrincipal`.
     */
    GetNote: (payload) => Effect.dieMessage("not implemented: notes.GetNote (edit test/golden/auth/handlers/notes/Rpcs.ts)"),
    /**
     * The caller, as the server sees them.
     * The verified caller: `yield* CurrentNotesPrincipal`.
     */
    WhoAmI: (payload) => Effect.dieMessage("not implemented: notes.WhoAmI (edit test/golden/auth/handlers/notes/Rpcs.ts)"),
    /**
     * Every note of the caller's tenant, then each change.
     * The verified caller: `yield* CurrentNotesPrincipal`.
     */
    WatchNotes: (payload) => Stream.dieMessage("not implemented: notes.WatchNotes (edit test/golden/auth/handlers/notes/Rpcs.ts)"),
    /** Anyone may ask: the service's version. */
    Version: (payload) => Effect.dieMessage("not implemented: notes.Version (edit test/golden/auth/handlers/notes/Rpcs.ts)")
  })
})
