import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const Order = Schema.Struct({ id: Schema.String, total: Schema.Number })
const Shipment = Schema.Struct({ id: Schema.String })

export default Contract.make("shop", {
  events: {
    OrderPlaced: Contract.event({ payload: Order, key: (e) => e.id }),
    OrderShipped: Contract.event({ payload: Shipment, key: (e) => e.id })
  },
  rpcs: {
    PlaceOrder: Contract.rpc({ payload: Order }),
    GetOrder: Contract.rpc({ payload: { id: Schema.String }, success: Order }),
    ListOrders: Contract.rpc({ payload: { id: Schema.String }, success: Schema.Array(Order) })
  },
  entities: {
    Cart: Contract.entity({ rpcs: { Checkout: Contract.rpc({ payload: { order: Order }, persisted: true, primaryKey: (p) => p.order.id }) } })
  },
  workflows: {
    Fulfil: Contract.workflow({ versions: [Order], idempotencyKey: (p) => p.id })
  }
})
