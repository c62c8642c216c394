/**
 * TUPLE_ELEMENT_REMOVED: a tuple lost an element or its variadic elements. Readers still expecting a
 * required element break forward; readers without room for old elements break backward.
 */
import { Rule } from "../Rule.js"

export const TupleElementRemoved = Rule.make({
  id: "TUPLE_ELEMENT_REMOVED",
  purpose: "A tuple lost an element or its variadic elements.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Tuple: ({ current, path, previous }) => [
      ...previous.elements.slice(current.elements.length).flatMap((e, k) =>
        Rule.hit(
          `${path}[${current.elements.length + k}]`,
          ((e.optional ? 0 : Rule.forward) | (current.rest.length === 0 ? Rule.backward : 0)) as Rule.Dirs,
          `element ${current.elements.length + k} removed`,
          "the current version rejects the extra element in data the previous version wrote, and old readers may miss it",
          "keep the element (ignore it in handlers) until no data or reader of the previous version remains"
        )
      ),
      ...(previous.rest.length > 0 && current.rest.length === 0
        ? Rule.hit(`${path}[]`, Rule.backward, "variadic elements removed", "data written by the previous version may have more elements than the current version accepts", "keep the rest element and ignore the extra values in handlers")
        : [])
    ]
  }
})
