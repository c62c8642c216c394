/**
 * NULLABILITY_NARROWED: a value may no longer be `null` or `undefined`. Data the previous version wrote
 * may hold the empty value, and the current version rejects it (backward).
 */
import { Rule } from "../Rule.js"

export const NullabilityNarrowed = Rule.make({
  id: "NULLABILITY_NARROWED",
  purpose: "A value stopped admitting `null` / `undefined`, which data written by the previous version may hold.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Members: (site) => {
      const empties = site.removed.filter((n) => Rule.family(n) === "null").map(Rule.describe)
      return empties.length === 0 ? [] : Rule.hit(
        site.path,
        Rule.backward,
        `no longer admits ${empties.join(" and ")}`,
        `data written by the previous version may hold ${empties.join(" or ")}, which the current version rejects`,
        "keep the wire form nullable and default the empty value when decoding (`Schema.NullOr(…)` plus a transformation)"
      )
    }
  }
})
