/**
 * TYPE_SIDE_CHANGED: the decoded type changed while the wire did not break (a brand, Struct ↔ Class, a
 * transformation's output, a default). A warning: generated code and handlers may need edits.
 */
import { Rule } from "../Rule.js"
import { TypeDiff } from "../walk/TypeDiff.js"

export const TypeSideChanged = Rule.make({
  id: "TYPE_SIDE_CHANGED",
  purpose: "The decoded (type-side) form changed: generated types and handlers change, the wire may not.",
  categories: ["TYPE"],
  severity: "warning",
  check: {
    Slot: (site) => {
      // Only what the wire cannot show: differences under a changed wire form are the wire rules' findings.
      const wire = TypeDiff.changes(site.previous.encoded, site.current.encoded, site.path, 100).map((c) => c.path)
      const under = (a: string, b: string) => a === b || [".", "[", "(", "<"].some((c) => a.startsWith(`${b}${c}`))
      const related = (p: string) => wire.some((w) => under(p, w) || under(w, p))
      return TypeDiff.changes(site.previous.type, site.current.type, site.path).filter((c) => !related(c.path)).flatMap((c) =>
        Rule.hit(
          c.path,
          Rule.both,
          c.change,
          "the generated types change: handlers and callers may no longer compile",
          "run `npx codegen` and fix what the compiler reports; the wire is checked by the other rules"
        )
      )
    }
  }
})
