// Handler stub created by effect-contracts from test/golden/large/contracts/large.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { LargeRpcs } from "../../generated/large/Rpcs.js"

/** Handlers of the public RPCs of contract `large`. Yield the services they need here, then use them below. */
export const LargeRpcHandlers = Effect.gen(function*() {
  return LargeRpcs.of({
    /** Public RPC number 0. */
    Get0: (payload) => Effect.dieMessage("not implemented: large.Get0 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 1. */
    Get1: (payload) => Effect.dieMessage("not implemented: large.Get1 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 2. */
    Get2: (payload) => Effect.dieMessage("not implemented: large.Get2 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 3. */
    Get3: (payload) => Effect.dieMessage("not implemented: large.Get3 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 4. */
    Get4: (payload) => Effect.dieMessage("not implemented: large.Get4 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 5. */
    Get5: (payload) => Effect.dieMessage("not implemented: large.Get5 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 6. */
    Get6: (payload) => Effect.dieMessage("not implemented: large.Get6 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 7. */
    Get7: (payload) => Effect.dieMessage("not implemented: large.Get7 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 8. */
    Get8: (payload) => Effect.dieMessage("not implemented: large.Get8 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 9. */
    Get9: (payload) => Effect.dieMessage("not implemented: large.Get9 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 10. */
    Get10: (payload) => Effect.dieMessage("not implemented: large.Get10 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 11. */
    Get11: (payload) => Effect.dieMessage("not implemented: large.Get11 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 12. */
    Get12: (payload) => Effect.dieMessage("not implemented: large.Get12 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 13. */
    Get13: (payload) => Effect.dieMessage("not implemented: large.Get13 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 14. */
    Get14: (payload) => Effect.dieMessage("not implemented: large.Get14 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 15. */
    Get15: (payload) => Effect.dieMessage("not implemented: large.Get15 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 16. */
    Get16: (payload) => Effect.dieMessage("not implemented: large.Get16 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 17. */
    Get17: (payload) => Effect.dieMessage("not implemented: large.Get17 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 18. */
    Get18: (payload) => Effect.dieMessage("not implemented: large.Get18 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 19. */
    Get19: (payload) => Effect.dieMessage("not implemented: large.Get19 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 20. */
    Get20: (payload) => Effect.dieMessage("not implemented: large.Get20 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 21. */
    Get21: (payload) => Effect.dieMessage("not implemented: large.Get21 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 22. */
    Get22: (payload) => Effect.dieMessage("not implemented: large.Get22 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 23. */
    Get23: (payload) => Effect.dieMessage("not implemented: large.Get23 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 24. */
    Get24: (payload) => Effect.dieMessage("not implemented: large.Get24 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 25. */
    Get25: (payload) => Effect.dieMessage("not implemented: large.Get25 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 26. */
    Get26: (payload) => Effect.dieMessage("not implemented: large.Get26 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 27. */
    Get27: (payload) => Effect.dieMessage("not implemented: large.Get27 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 28. */
    Get28: (payload) => Effect.dieMessage("not implemented: large.Get28 (edit test/golden/large/handlers/large/Rpcs.ts)"),
    /** Public RPC number 29. */
    Get29: (payload) => Effect.dieMessage("not implemented: large.Get29 (edit test/golden/large/handlers/large/Rpcs.ts)")
  })
})
