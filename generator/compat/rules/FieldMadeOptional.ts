/**
 * FIELD_MADE_OPTIONAL: a required field became optional. The current version may omit it, and readers
 * on the previous version still require it (forward).
 */
import { Rule } from "../Rule.js"

export const FieldMadeOptional = Rule.make({
  id: "FIELD_MADE_OPTIONAL",
  purpose: "A required field became optional, though the previous version still requires it.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Struct: (site) =>
      site.pairs.flatMap(({ current, previous }) =>
        previous === undefined || current === undefined || previous.optional || !current.optional ? [] : Rule.hit(
          `${site.path}.${current.name}`,
          Rule.forward,
          `field \`${current.name}\` made optional`,
          `the current version may omit \`${current.name}\`, which readers on the previous version require`,
          "keep writing it until every reader is on the current version, or make it optional only on the decoding side"
        )
      )
  }
})
