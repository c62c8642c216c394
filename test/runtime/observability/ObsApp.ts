/**
 * The observability tests' app, written the way codegen writes one: a public RPC `Buy` forwarded to the
 * persisted entity `ObsShop`, whose handler publishes `obs.Bought` in a transaction; the subscription
 * `obs.Notify` sends the webhook `obs.Receipt` for it. One request crosses every hop a trace must follow.
 * An order id starting with `bad` fails in the entity (a failed message).
 */
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as Entity from "@effect/cluster/Entity"
import * as Rpc from "@effect/rpc/Rpc"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { EdgeError } from "effect-contracts/EdgeError"
import { EntityClient } from "effect-contracts/EntityClient"
import { Events } from "effect-contracts/Events"
import { Webhooks } from "effect-contracts/Webhooks"

class Refused extends Schema.TaggedError<Refused>("obs/Refused")("Refused", { orderId: Schema.String }) {}

const _Order = { orderId: Schema.String }

/** The entity: one shop per order id, its `Buy` persisted (the order id is its primary key). */
const Shop = Entity.make("ObsShop", [
  Rpc.make("Buy", { payload: _Order, success: Schema.String, error: Refused, primaryKey: (p) => p.orderId })
    .annotate(ClusterSchema.Persisted, true)
])

const Bought = Schema.TaggedStruct("Bought", { payload: Schema.Struct(_Order) })

const publish = Events.publisher({ contract: "obs", schema: Bought, key: (e) => `obs.Bought/${e.payload.orderId}` })

const Receipt = Webhooks.make({ name: "obs.Receipt", payload: Schema.Struct(_Order) })

/** The public group, served by `Server` at `POST /rpc/obs`. */
const Rpcs = RpcGroup.make(
  Rpc.make("Buy", { payload: _Order, success: Schema.String, error: Schema.Union(Refused, EdgeError.schema) })
)

const _shop = Shop.toLayer(Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  return {
    Buy: ({ payload }) =>
      payload.orderId.startsWith("bad")
        ? Effect.fail(new Refused(payload))
        : sql.withTransaction(publish(Bought.make({ payload }))).pipe(Effect.as(`bought ${payload.orderId}`), Effect.orDie)
  }
}))

const _notify = Events.subscription({
  name: "obs.Notify",
  contract: "obs",
  events: ["Bought"],
  schema: Bought,
  handle: (event) => Receipt.send(event.payload, { id: `rcpt_${event.payload.orderId}` })
})

const _rpcs = Rpcs.toLayer(Effect.gen(function*() {
  const shops = yield* EntityClient.make(Shop)
  return { Buy: (payload) => EntityClient.forward(shops(payload.orderId).Buy(payload)) }
}))

/** Every handler, over the events and webhooks runtimes, as the generated `AppLayer` wires them. */
const layer = Layer.mergeAll(_shop, _notify, _rpcs).pipe(
  Layer.provideMerge(Events.layer),
  Layer.provideMerge(Webhooks.layer)
)

export const ObsApp = { Shop, Rpcs, Receipt, layer } as const
