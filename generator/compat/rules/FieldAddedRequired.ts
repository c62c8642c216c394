/**
 * FIELD_ADDED_REQUIRED: a struct gained a required field. Data written by the previous version does not
 * have it, so the current version cannot decode that data (backward).
 */
import { Rule } from "../Rule.js"

export const FieldAddedRequired = Rule.make({
  id: "FIELD_ADDED_REQUIRED",
  purpose: "A struct gained a required field that data written by the previous version lacks.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Struct: (site) =>
      site.pairs.flatMap(({ current, previous }) =>
        previous !== undefined || current === undefined || current.optional ? [] : Rule.hit(
          `${site.path}.${current.name}`,
          Rule.backward,
          `required field \`${current.name}\` added`,
          `data written by the previous version has no \`${current.name}\`, and the current version requires it`,
          `make it optional (\`Schema.optional\`) or give it a default (\`Schema.optionalWith(…, { default: () => … })\`)`
        )
      )
  }
})
