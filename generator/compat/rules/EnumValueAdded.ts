/**
 * ENUM_VALUE_ADDED: a literal union or enum admits a new value. Readers on the previous version reject
 * that value when the current version writes it (forward).
 */
import { Rule } from "../Rule.js"

export const EnumValueAdded = Rule.make({
  id: "ENUM_VALUE_ADDED",
  purpose: "A literal union or enum gained a value that the previous version rejects.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Members: (site) => {
      const values = site.added.filter((n) => Rule.family(n) === "literal").map(Rule.describe)
      return values.length === 0 ? [] : Rule.hit(
        site.path,
        Rule.forward,
        `value${values.length > 1 ? "s" : ""} ${values.join(", ")} added`,
        "readers on the previous version do not know the new value and fail to decode it",
        "roll out readers that accept the value before any writer sends it; for events, add a new event instead"
      )
    }
  }
})
