/**
 * HttpApi middleware providing `RequestContext` to every endpoint of the groups it is added to. Derives the
 * context from the cluster services in scope; it must not perform I/O per request.
 */
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { RequestContext } from "./RequestContext.js"

/**
 * Add to a group or API (`HttpApiGroup.make("orders").middleware(RequestContextMiddleware)`), provide
 * `RequestContextMiddleware.layer`, and read `yield* RequestContext` in the handlers.
 */
export class RequestContextMiddleware extends HttpApiMiddleware.Tag<RequestContextMiddleware>()(
  "effect-contracts/RequestContextMiddleware",
  { provides: RequestContext }
) {
  /**
   * Derived once, when the layer is built, from the `Sharding` service of the layer's context: an HTTP
   * request's `ClusterState` has no entity, and its ownership answers are read live at call time.
   */
  static readonly layer: Layer.Layer<RequestContextMiddleware> = Layer.effect(
    RequestContextMiddleware,
    Effect.map(RequestContext.make, Effect.succeed)
  )
}
