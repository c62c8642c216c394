/**
 * Reading the request context from an HttpApi handler, a plain router and an entity handler, shown in
 * docs/runtime.md ("Request context"). A compiled sample against the example app's generated `OrderEntity`.
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import type * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { ClusterState } from "effect-contracts/ClusterState"
import { RequestContext } from "effect-contracts/RequestContext"
import { RequestContextMiddleware } from "effect-contracts/RequestContextMiddleware"
import { OrderEntity } from "../../examples/generated/orders/entities/Order.js"

const where = HttpApiEndpoint.get("where", "/where").addSuccess(Schema.String)

// #region middleware
// HttpApi: the middleware provides the tag to every endpoint of the group
class Orders extends HttpApiGroup.make("orders").add(where).middleware(RequestContextMiddleware) {}
class Api extends HttpApi.make("app").add(Orders) {}

export const OrdersLive = HttpApiBuilder.group(Api, "orders", (handlers) =>
  handlers.handle("where", () =>
    Effect.map(RequestContext, ({ cluster }) =>
      Option.match(cluster, { onNone: () => "no cluster", onSome: (c) => ClusterState.address(c.runner) })))
).pipe(Layer.provide(RequestContextMiddleware.layer))
// #endregion

// #region router
// any HttpApp / HttpRouter
export const serve = (router: HttpRouter.HttpRouter) => HttpServer.serve(RequestContext.provide(router))
// #endregion

// #region anywhere
// anywhere, entity handlers included (no middleware runs there)
export const isHere = (orderId: string) =>
  Effect.gen(function*() {
    const cluster = yield* RequestContext.cluster // Option<ClusterState>
    return Option.exists(cluster, (c) => c.isLocal(OrderEntity, orderId))
  })
// #endregion
