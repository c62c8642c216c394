/**
 * Health probes on an HttpApi with an app check and the cluster watcher, shown in docs/operations.md.
 * A compiled sample: `OrdersGroup` stands in for the app's own HttpApi groups.
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { ClusterWatcher } from "effect-contracts/ClusterWatcher"
import { Health } from "effect-contracts/Health"

class OrdersGroup extends HttpApiGroup.make("orders").add(HttpApiEndpoint.get("count", "/orders/count").addSuccess(Schema.Number)) {}

/** A dependency to watch: its `ping` fails when it is unreachable. */
const gateway = { ping: Effect.void }

// #region health
class Api extends HttpApi.make("app").add(Health.group).add(OrdersGroup) {}

const OrdersLive = HttpApiBuilder.group(Api, "orders", (handlers) => handlers.handle("count", () => Effect.succeed(0)))

export const ApiLive = HttpApiBuilder.api(Api).pipe(
  Layer.provide([Health.handlers(Api), OrdersLive]),
  Layer.provide(Health.register("payments-gateway", gateway.ping)), // fails => down
  Layer.provideMerge(Health.layer()), // needs SqlClient and Sharding
  Layer.provide(ClusterWatcher.layer()) // shard / runner logs (docs/operations.md)
)
// #endregion

/** The same three endpoints on a plain router. */
export const routes = (router: HttpRouter.HttpRouter) =>
  // #region router
  router.pipe(HttpRouter.concat(Health.router))
  // #endregion
