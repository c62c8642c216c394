/**
 * NULLABILITY_WIDENED: a value may now be `null` or `undefined` (`Schema.NullOr`, `Schema.UndefinedOr`).
 * Readers on the previous version reject the empty value when the current version writes it (forward).
 */
import { Rule } from "../Rule.js"

export const NullabilityWidened = Rule.make({
  id: "NULLABILITY_WIDENED",
  purpose: "A value became nullable (`NullOr` / `UndefinedOr`), which the previous version rejects.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Members: (site) => {
      const empties = site.added.filter((n) => Rule.family(n) === "null").map(Rule.describe)
      return empties.length === 0 ? [] : Rule.hit(
        site.path,
        Rule.forward,
        `now admits ${empties.join(" and ")}`,
        `readers on the previous version reject ${empties.join(" and ")} where they expect a value`,
        "add a new optional field for the nullable value, or roll out readers that accept it before any writer sends it"
      )
    }
  }
})
