/**
 * REFINEMENT_TIGHTENED: a comparable filter (length, range, integer, pattern added…) got stricter, or a
 * filter that cannot be compared was added where the previous version had none left to compare it with.
 * Data the previous version wrote may fail the new filter (backward).
 */
import { Constraints } from "../walk/Constraints.js"
import { Rule } from "../Rule.js"

export const RefinementTightened = Rule.make({
  id: "REFINEMENT_TIGHTENED",
  purpose: "A comparable filter (length, range, integer, items, a new pattern) became stricter, or a custom filter was added.",
  categories: ["WIRE", "VALIDATION"],
  severity: "breaking",
  check: {
    Marks: (site) => {
      const unmet = Constraints.unmet(site.current.checks ?? [], site.previous.checks ?? []).bound
      const added = Constraints.opaque(site.current.checks ?? [], site.previous.checks ?? []).added
      return unmet.length + added.length === 0 ? [] : Rule.hit(
        site.path,
        Rule.backward,
        `validation tightened: ${[...unmet.map((u) => `${u.key} ${u.writer} → ${u.reader}`), ...added.map((a) => `filter ${a} added`)].join("; ")}`,
        "data written by the previous version may fail the stricter filter",
        "tighten validation where values are created (handlers, constructors), not in the wire schema, until old data is gone"
      )
    }
  }
})
