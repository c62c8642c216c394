import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

interface Category {
  readonly name: string
  readonly children: ReadonlyArray<Category>
}

const Category = Schema.Struct({
  name: Schema.String,
  children: Schema.Array(Schema.suspend((): Schema.Schema<Category> => Category))
}).annotations({ identifier: "Category" })

export default Contract.make("shop", {
  events: {
    OrderPlaced: Contract.event({ payload: Schema.Struct({ id: Schema.String, root: Category }), key: (e) => e.id })
  }
})
