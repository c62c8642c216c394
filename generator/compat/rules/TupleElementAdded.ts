/**
 * TUPLE_ELEMENT_ADDED: a tuple gained an element, or variadic elements, or an array became non-empty.
 * A required element breaks backward; an element the previous version has no room for breaks forward.
 */
import { Rule } from "../Rule.js"

export const TupleElementAdded = Rule.make({
  id: "TUPLE_ELEMENT_ADDED",
  purpose: "A tuple gained an element or variadic elements, or an array became non-empty.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Tuple: ({ current, path, previous }) => [
      ...current.elements.slice(previous.elements.length).flatMap((e, k) => {
        const i = previous.elements.length + k
        const nonEmpty = i === 0 && previous.rest.length > 0 && current.rest.length > 0
        return Rule.hit(
          `${path}[${i}]`,
          ((e.optional ? 0 : Rule.backward) | (previous.rest.length === 0 ? Rule.forward : 0)) as Rule.Dirs,
          nonEmpty ? "array made non-empty" : `${e.optional ? "optional" : "required"} element ${i} added`,
          "data written by the previous version may be shorter, and readers on the previous version reject extra elements",
          nonEmpty ? "keep the wire form a possibly-empty array and check non-emptiness in the handler" : "add elements only at the end, as optional, and only where the previous version has a rest element"
        )
      }),
      ...(previous.rest.length === 0 && current.rest.length > 0
        ? Rule.hit(`${path}[]`, Rule.forward, "variadic elements added", "readers on the previous version reject elements beyond their fixed ones", "add a new field with the array instead")
        : [])
    ]
  }
})
