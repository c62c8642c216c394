/**
 * FIELD_RENAMED: a field declared as renamed (`renamedFrom` annotation) changed its key on the wire.
 * Reported once, instead of a removal and an addition; the other version finds its key missing.
 */
import { Rule } from "../Rule.js"

export const FieldRenamed = Rule.make({
  id: "FIELD_RENAMED",
  purpose: "A field declared as renamed (`renamedFrom` annotation) changed its key on the wire.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Struct: (site) =>
      site.pairs.flatMap(({ current, previous }) =>
        previous === undefined || current === undefined || previous.name === current.name ? [] : Rule.hit(
          `${site.path}.${current.name}`,
          Rule.both,
          `field \`${previous.name}\` renamed to \`${current.name}\` on the wire`,
          `each version looks for its own key in the other's data: a required key fails to decode, an optional one is silently dropped`,
          `rename only the decoded field and keep the wire key: \`Schema.propertySignature(…).pipe(Schema.fromKey("${previous.name}"))\``
        )
      )
  }
})
