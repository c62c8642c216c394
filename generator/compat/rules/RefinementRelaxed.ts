/**
 * REFINEMENT_RELAXED: a comparable filter got looser (a bound dropped or widened), or a filter that cannot
 * be compared was dropped with nothing left in its place. The previous version still applies the old filter
 * to what the current version writes (forward).
 */
import { Constraints } from "../walk/Constraints.js"
import { Rule } from "../Rule.js"

export const RefinementRelaxed = Rule.make({
  id: "REFINEMENT_RELAXED",
  purpose: "A comparable filter became looser, or a custom filter was dropped, so the previous version may reject new values.",
  categories: ["WIRE", "VALIDATION"],
  severity: "breaking",
  check: {
    Marks: (site) => {
      const unmet = Constraints.unmet(site.previous.checks ?? [], site.current.checks ?? []).bound
      const dropped = Constraints.opaque(site.previous.checks ?? [], site.current.checks ?? []).added
      return unmet.length + dropped.length === 0 ? [] : Rule.hit(
        site.path,
        Rule.forward,
        `validation relaxed: ${[...unmet.map((u) => `${u.key} ${u.reader} → ${u.writer}`), ...dropped.map((d) => `filter ${d} dropped`)].join("; ")}`,
        "readers on the previous version still apply the stricter filter to values the current version may write",
        "roll out the relaxed readers first and only then write values the old filter rejects"
      )
    }
  }
})
