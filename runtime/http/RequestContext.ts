/**
 * The runtime's request context: what every handler (HTTP, RPC, entity) may know about the request it
 * serves. An Effect `Context.Tag`, provided by middleware or derived on the spot — never a global.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ClusterState } from "../cluster/ClusterState.js"

/** Derive the context from the services in scope: `Sharding`, and in entity handlers `Entity.CurrentAddress`. */
const _make: Effect.Effect<RequestContext.Data> = Effect.map(ClusterState.current, (cluster) => ({ cluster }))

/**
 * The request context. HTTP handlers get it from `RequestContextMiddleware` (HttpApi) or
 * `RequestContext.provide` (any `HttpApp` / `HttpRouter`) and read it with `yield* RequestContext`; code that
 * may run anywhere — entity handlers included, where no middleware runs — reads `RequestContext.current`.
 */
export class RequestContext extends Context.Tag("effect-contracts/RequestContext")<RequestContext, RequestContext.Data>() {
  /** Build the context for the current fiber from the services in scope. */
  static readonly make: Effect.Effect<RequestContext.Data> = _make

  /** The provided context when there is one, else derived (so entity handlers see their own shard). */
  static readonly current: Effect.Effect<RequestContext.Data> = Effect.serviceOption(RequestContext).pipe(
    Effect.flatMap(Option.match({ onSome: Effect.succeed, onNone: () => _make }))
  )

  /** The cluster part of `current`: `Option<ClusterState>`. */
  static readonly cluster: Effect.Effect<Option.Option<ClusterState>> = Effect.map(
    RequestContext.current,
    (context) => context.cluster
  )

  /**
   * Provide a freshly derived context to an effect — usable as an `HttpMiddleware` on any `HttpApp` or
   * `HttpRouter` (`HttpServer.serve(RequestContext.provide(router))`), or around an RPC handler.
   */
  static readonly provide = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, Exclude<R, RequestContext>> =>
    Effect.flatMap(_make, (context) => Effect.provideService(self, RequestContext, context))
}

export declare namespace RequestContext {
  /**
   * What a request knows. Extend by adding fields here and deriving them in `_make`; every reader — the
   * middleware, `current`, entity handlers — then sees them.
   */
  interface Data {
    /** `Some` when the request runs on a cluster runner (see `ClusterState`); `None` without a cluster. */
    readonly cluster: Option.Option<ClusterState>
  }
}
