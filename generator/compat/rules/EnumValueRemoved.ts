/**
 * ENUM_VALUE_REMOVED: a literal union or enum no longer admits a value. Data the previous version wrote
 * may carry it, and the current version rejects it (backward).
 */
import { Rule } from "../Rule.js"

export const EnumValueRemoved = Rule.make({
  id: "ENUM_VALUE_REMOVED",
  purpose: "A literal union or enum lost a value that data written by the previous version may carry.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Members: (site) => {
      const values = site.removed.filter((n) => Rule.family(n) === "literal").map(Rule.describe)
      return values.length === 0 ? [] : Rule.hit(
        site.path,
        Rule.backward,
        `value${values.length > 1 ? "s" : ""} ${values.join(", ")} removed`,
        "data written by the previous version may carry the value, which the current version rejects",
        "keep accepting the value when decoding (map it to a current one with a transformation) until no stored data has it"
      )
    }
  }
})
