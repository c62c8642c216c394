/**
 * TYPE_CHANGED: a value changed kind on the wire (string to number, struct to array, one tagged struct
 * to another…). Widening breaks forward, narrowing backward, anything else both.
 */
import { Rule } from "../Rule.js"

const _verb = { 1: "narrowed", 2: "widened", 3: "changed" } as const

const _why = {
  1: "data written by the previous version may not be of the new type",
  2: "readers on the previous version reject values of the new, wider type",
  3: "neither version can decode what the other one writes"
} as const

export const TypeChanged = Rule.make({
  id: "TYPE_CHANGED",
  purpose: "A value changed type on the wire (widened, narrowed or replaced).",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Mismatch: (site) =>
      site.breaks === 0 ? [] : Rule.hit(
        site.path,
        site.breaks,
        `type ${_verb[site.breaks]} from \`${Rule.describe(site.previous)}\` to \`${Rule.describe(site.current)}\``,
        _why[site.breaks],
        "add a new field (or declaration) with the new type and keep the old one until nothing writes or stores it"
      )
  }
})
