/**
 * FIELD_REMOVED: a required field was removed from a struct. The previous version still requires it in
 * what the current version writes (forward). Removing an optional field breaks nothing.
 */
import { Rule } from "../Rule.js"

export const FieldRemoved = Rule.make({
  id: "FIELD_REMOVED",
  purpose: "A struct lost a field that the previous version requires.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Struct: (site) =>
      site.pairs.flatMap(({ current, previous }) =>
        current !== undefined || previous === undefined || previous.optional ? [] : Rule.hit(
          `${site.path}.${previous.name}`,
          Rule.forward,
          `required field \`${previous.name}\` removed`,
          `readers on the previous version require \`${previous.name}\`, which the current version no longer writes`,
          "keep writing it (deprecated) until every reader is on the current version; make it optional first in an earlier release"
        )
      )
  }
})
