/**
 * One call that serves an app: its public RPC groups over HTTP (`POST /rpc/<name>`, NDJSON, which streams)
 * and all of them over one WebSocket (`GET /ws`, JSON or `?format=msgpack` frames: see `WebSocket`), both
 * checking a client's contracts' version against the `version` option, the health probes (`/health`,
 * `/livez`, `/readyz`) and `/metrics` (untraced), the request context on every route, and CORS for the
 * configured origins only. It starts no cluster and no database: the app's main provides them (and the RPC
 * handlers, e.g. the generated `AppLayer`).
 */
import type * as Sharding from "@effect/cluster/Sharding"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as Rpc from "@effect/rpc/Rpc"
import type * as RpcGroup from "@effect/rpc/RpcGroup"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import * as RpcServer from "@effect/rpc/RpcServer"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { Metrics } from "../observability/Metrics.js"
import { Realtime } from "../realtime/Realtime.js"
import { Guard } from "./Guard.js"
import { Health } from "./Health.js"
import { Limits } from "./Limits.js"
import { RequestContext } from "./RequestContext.js"
import { WebSocket } from "./WebSocket.js"

/** Where the server listens unless `Server.layer` is told: `HTTP_HOST` (127.0.0.1), `HTTP_PORT` (8080). */
const _settings = Config.all({
  host: Config.string("HTTP_HOST").pipe(Config.withDefault("127.0.0.1"), Config.withDescription("interface to listen on; 0.0.0.0 in a container")),
  port: Config.port("HTTP_PORT").pipe(Config.withDefault(8080), Config.withDescription("port of the public HTTP server")),
  origins: Config.array(Config.string(), "HTTP_CORS_ORIGINS").pipe(
    Config.withDefault([]),
    Config.withDescription("browser origins allowed to call the server (comma-separated); none by default: same-origin only")
  )
})

/** The RPCs of one group of a `rpcs` record. */
type _Rpcs<G> = RpcGroup.Rpcs<G>

/** What serving a record of groups needs: each group's handlers and their context. */
type _Needs<G extends Server.Groups> = {
  readonly [K in keyof G]: Rpc.ToHandler<_Rpcs<G[K]>> | Rpc.Context<_Rpcs<G[K]>> | Rpc.Middleware<_Rpcs<G[K]>>
}[keyof G]

/** What a list of exposed channels needs: every channel's checks, each inferred on its own. */
type _Checks<X> = X extends Realtime.Exposed<infer R> ? R : never

/** Serving channels (whatever their checks need) needs the pod's realtime hub. */
type _Hub<Ch extends ReadonlyArray<unknown>> = Ch extends readonly [] ? never : Realtime.Hub

/** Requests that never make a span: probes and scrapes, every few seconds from every watcher. */
const _untraced = ["/health", "/livez", "/readyz", "/metrics"]

/** The router of one app: a route per RPC group, the health probes, `/metrics`, and the app's own routes. */
const _router = <G extends Server.Groups, E, R>(rpcs: G, routes: HttpRouter.HttpRouter<E, R>, limits: Limits, version: string | undefined) =>
  Effect.gen(function*() {
    // The groups' own types are kept by `layer`'s signature; here each is served as a plain group.
    const apps = yield* Effect.forEach(Object.entries(rpcs), ([name, group]) =>
      Effect.map(RpcServer.toHttpApp(group as unknown as RpcGroup.RpcGroup<Rpc.Any>), (app) => [name, Guard.guard(group, app, limits, version)] as const))
    return apps.reduce(
      (router, [name, app]) => HttpRouter.post(router, `/rpc/${name}`, app),
      HttpRouter.empty.pipe(HttpRouter.concat(Health.router), HttpRouter.concat(Metrics.router), HttpRouter.concat(routes))
    )
  })

/**
 * Serve `rpcs` (`{ orders: OrdersRpcs, … }`, each at `POST /rpc/<key>`, and all on the WebSocket at `/ws`)
 * with health probes and request context, plus the app's own `routes`, on `HTTP_HOST`:`HTTP_PORT` unless
 * `host` / `port` are given. Needs the groups' handlers, what the routes need, a `SqlClient` and `Sharding`
 * (the health checks read them). Fails to start if two groups share an RPC tag while the WebSocket is on.
 */
const layer = <G extends Server.Groups, E = never, R = never, const Ch extends ReadonlyArray<Realtime.Exposed<unknown>> = readonly []>(options: {
  readonly rpcs: G
  readonly routes?: HttpRouter.HttpRouter<E, R>
  /** Channels served over SSE at `GET /events/<contract>/<Channel>?key=…` (the generated `AppChannels`). */
  readonly channels?: Ch
  readonly host?: string
  readonly port?: number
  /** Body size, RPCs per request, calls in flight, WebSocket frames and rates: default `HTTP_*`, `WS_*` (see `Limits`). */
  readonly limits?: Partial<Limits.Settings>
  /** The WebSocket endpoint (on by default at `/ws`, JSON): its path and default format; `false` turns it off. */
  readonly websocket?: false | WebSocket.Options
  /**
   * The contracts' version this server runs (the generated `AppVersion`; default `websocket.version`): a client
   * naming another (`?v=` on the WebSocket, `x-effect-contracts-version` over HTTP) gets `UpgradeRequired`.
   */
  readonly version?: string
  /** Browser origins allowed to call (CORS); default `HTTP_CORS_ORIGINS`, else none. Never `*`. */
  readonly corsOrigins?: ReadonlyArray<string>
}): Layer.Layer<
  never,
  ConfigError.ConfigError | HttpServerError.ServeError,
  _Needs<G> | Exclude<R | _Checks<Ch[number]>, RequestContext | HttpServerRequest.HttpServerRequest | Scope.Scope | Health.Checks> | _Hub<Ch> | SqlClient.SqlClient | Sharding.Sharding
> =>
  Layer.unwrapScoped(Effect.gen(function*() {
    const settings = yield* _settings
    const limits = yield* Limits.make(options.limits)
    const ws = options.websocket
    const version = options.version ?? (ws === false ? undefined : ws?.version)
    const socket = yield* WebSocket.make(options.rpcs, limits, ws === false ? false : { ...ws, ...(version === undefined ? {} : { version }) })
    const sse = options.channels === undefined ? HttpRouter.empty : yield* Realtime.sse(options.channels)
    const own = HttpRouter.concat(socket.router, HttpRouter.concat(sse, options.routes ?? HttpRouter.empty))
    const router = yield* _router(options.rpcs, own, limits, version)
    const origins = options.corsOrigins ?? settings.origins
    const cors = origins.length === 0 ? identity : HttpMiddleware.cors({ allowedOrigins: origins, credentials: true })
    return HttpServer.serve(RequestContext.provide(router), cors).pipe(
      HttpServer.withLogAddress,
      HttpMiddleware.withTracerDisabledForUrls(_untraced),
      Layer.provide(NodeHttpServer.layer(socket.server, { host: options.host ?? settings.host, port: options.port ?? settings.port }))
    )
  })).pipe(
    Layer.provide(RpcSerialization.layerNdjson),
    Layer.provide(Health.layer())
  ) as Layer.Layer<
    never,
    ConfigError.ConfigError | HttpServerError.ServeError,
    _Needs<G> | Exclude<R | _Checks<Ch[number]>, RequestContext | HttpServerRequest.HttpServerRequest | Scope.Scope | Health.Checks> | _Hub<Ch> | SqlClient.SqlClient | Sharding.Sharding
  >

export const Server = { layer } as const

export declare namespace Server {
  /** Public RPC groups by the path segment they are served under: `{ orders: OrdersRpcs }` → `/rpc/orders`. */
  type Groups = Readonly<Record<string, RpcGroup.Any>>
}
