/**
 * TUPLE_ELEMENT_OPTIONALITY: a tuple element became required (breaks backward: old data may lack it)
 * or optional (breaks forward: old readers require it).
 */
import { Rule } from "../Rule.js"

export const TupleElementOptionality = Rule.make({
  id: "TUPLE_ELEMENT_OPTIONALITY",
  purpose: "A tuple element switched between optional and required.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Tuple: ({ current, path, previous }) =>
      current.elements.flatMap((e, i) => {
        const before = previous.elements[i]
        return before === undefined || before.optional === e.optional ? [] : Rule.hit(
          `${path}[${i}]`,
          e.optional ? Rule.forward : Rule.backward,
          `element ${i} made ${e.optional ? "optional" : "required"}`,
          e.optional ? "readers on the previous version require the element" : "data written by the previous version may lack the element",
          "keep the element's optionality on the wire and default it in the handler"
        )
      })
  }
})
