/**
 * VALIDATION_CHANGED: a filter that cannot be compared (a custom `Schema.filter`, a different regex)
 * changed: each side has one the other lacks. A warning, "review": config can make it an error
 * (`compat.validationChanged`). A custom filter only added (or only dropped) is REFINEMENT_TIGHTENED (RELAXED).
 */
import { Constraints } from "../walk/Constraints.js"
import { Rule } from "../Rule.js"

export const ValidationChanged = Rule.make({
  id: "VALIDATION_CHANGED",
  purpose: "A filter that cannot be compared (custom filter, changed pattern) changed: review it.",
  categories: ["VALIDATION"],
  severity: "warning",
  check: {
    Marks: (site) => {
      const now = Constraints.opaque(site.current.checks ?? [], site.previous.checks ?? []).changed
      const before = Constraints.opaque(site.previous.checks ?? [], site.current.checks ?? []).changed
      const breaks = ((now.length > 0 ? Rule.backward : 0) | (before.length > 0 ? Rule.forward : 0)) as Rule.Dirs
      return Rule.hit(
        site.path,
        breaks,
        `validation changed, review: ${[...new Set([...now, ...before])].join("; ")}`,
        "the filter cannot be compared automatically; values one version accepts may fail the other's filter",
        "check that every value the writer can produce passes the reader's filter; name custom filters (`{ identifier }`)"
      )
    }
  }
})
