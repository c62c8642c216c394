/**
 * TRANSFORMATION_CHANGED: decoding at a position now runs a different fallible transformation (e.g. a
 * string became `NumberFromString`). The reader may reject wire values the writer produced.
 */
import { Rule } from "../Rule.js"

/**
 * Transformations that decode every value of their encoded side. `DateFromString` and `DateFromNumber` run
 * `new Date(…)`, which never throws, into `DateFromSelf`, which admits invalid dates: total in Effect 3.
 * (`Schema.Date` adds a `validDate` filter: a check, which the refinement rules judge.)
 */
const _total = new Set(["Trim", "Lowercase", "Uppercase", "Capitalize", "Uncapitalize", "DateFromString", "DateFromNumber"])

const _safe = (reader: ReadonlyArray<string>, writer: ReadonlyArray<string>): boolean =>
  reader.every((t) => _total.has(t)) || (reader.length === writer.length && reader.every((t, i) => t === writer[i]))

export const TransformationChanged = Rule.make({
  id: "TRANSFORMATION_CHANGED",
  purpose: "Decoding now runs a different transformation that may reject values the other version encoded.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Marks: (site) => {
      const before = site.previous.decode ?? []
      const now = site.current.decode ?? []
      const breaks = ((_safe(now, before) ? 0 : Rule.backward) | (_safe(before, now) ? 0 : Rule.forward)) as Rule.Dirs
      return Rule.hit(
        site.path,
        breaks,
        `decoding transformation changed from ${before.length === 0 ? "none" : before.join(" ∘ ")} to ${now.length === 0 ? "none" : now.join(" ∘ ")}`,
        "the reader's transformation may fail on wire values the writer's encoding produced",
        "keep the wire form and its transformation; decode into the new type in the handler, or add a new field"
      )
    }
  }
})
