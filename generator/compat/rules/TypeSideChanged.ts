/**
 * TYPE_SIDE_CHANGED: the decoded type changed while the wire did not break (a brand, Struct ↔ Class, a
 * transformation's output, a default). A warning: generated code and handlers may need edits.
 */
import { Rule } from "../Rule.js"
import { TypeDiff } from "../TypeDiff.js"

export const TypeSideChanged = Rule.make({
  id: "TYPE_SIDE_CHANGED",
  purpose: "The decoded (type-side) form changed: generated types and handlers change, the wire may not.",
  categories: ["TYPE"],
  severity: "warning",
  check: {
    Slot: (site) =>
      TypeDiff.changes(site.previous.type, site.current.type, site.path).flatMap((c) =>
        Rule.hit(
          c.path,
          Rule.both,
          c.change,
          "the generated types change: handlers and callers may no longer compile",
          "run `npx codegen` and fix what the compiler reports; the wire is checked by the other rules"
        )
      )
  }
})
