/**
 * FIELD_MADE_REQUIRED: an optional field became required. Data the previous version wrote may omit it,
 * so the current version fails to decode that data (backward).
 */
import { Rule } from "../Rule.js"

export const FieldMadeRequired = Rule.make({
  id: "FIELD_MADE_REQUIRED",
  purpose: "An optional field became required, though data written by the previous version may omit it.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Struct: (site) =>
      site.pairs.flatMap(({ current, previous }) =>
        previous === undefined || current === undefined || !previous.optional || current.optional ? [] : Rule.hit(
          `${site.path}.${current.name}`,
          Rule.backward,
          `field \`${current.name}\` made required`,
          `data written by the previous version may omit \`${current.name}\``,
          "keep it optional on the wire and default it when decoding: `Schema.optionalWith(…, { default: () => … })`"
        )
      )
  }
})
