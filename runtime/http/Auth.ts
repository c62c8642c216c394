/**
 * Authentication at the edge, both halves of a contract's generated auth middleware: on the server, the
 * bearer token of the request headers RpcServer passes, turned into the contract's principal by the app's
 * verifier (else the typed `Unauthorized`); on the client, every call carrying the token. It reads and writes
 * RPC request headers only, so HTTP, WebSocket and in-process calls all pass through it. Isomorphic: no node:*.
 */
import * as Headers from "@effect/platform/Headers"
import * as RpcMiddleware from "@effect/rpc/RpcMiddleware"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import { EdgeError } from "../contract/EdgeError.js"

/** `Bearer <token>`, the scheme compared case-insensitively (RFC 9110). */
const _scheme = /^Bearer +(\S+) *$/i

/** The bearer token of the request's `authorization` header, if it carries one. */
const bearer = (headers: Headers.Headers): Option.Option<string> =>
  Option.flatMap(Headers.get(headers, "authorization"), (value) => Option.fromNullable(_scheme.exec(value)?.[1]))

/**
 * Type a contract's verifier by its generated middleware: `Auth.verifier(OrdersAuth, (token) => …)` turns
 * a bearer token into the contract's principal, or fails with `EdgeError.Unauthorized`. It runs on every
 * call: check the signature and expiry here, never on the client.
 */
const verifier = <Id, P>(_middleware: Auth.Middleware<Id, P>, verify: Auth.Verify<P>): Auth.Verify<P> => verify

/**
 * The server side of `middleware` (what generated layers wire): a call without a bearer token fails with
 * `Unauthorized` before any handler runs; with one, the principal `verify` returns is what the handlers read.
 * `verifier` is built once, with the services it needs (keys, a user store).
 */
const layer = <Id, P, E, R>(
  middleware: Auth.Middleware<Id, P>,
  verifier: Effect.Effect<Auth.Verify<P>, E, R>
): Layer.Layer<Id, E, Exclude<R, Scope.Scope>> =>
  Layer.scoped(
    middleware,
    Effect.map(verifier, (verify) => ({ headers }) =>
      Option.match(bearer(headers), {
        onNone: () => Effect.fail(new EdgeError.Unauthorized({ message: "no bearer token: send `authorization: Bearer <token>`" })),
        onSome: verify
      }))
  )

/**
 * The client side of `middleware`: every call carries `authorization: Bearer <token>`. `token` runs per call,
 * so it reads where the app keeps the current token (a `Ref`, browser storage) and a refreshed token is used
 * at once; `undefined` sends none. A call that already carries an `authorization` header (for instance from
 * `RpcClient.withHeaders`) keeps it.
 */
const client = <Id, P, R = never>(
  middleware: Auth.Middleware<Id, P>,
  token: Effect.Effect<string | undefined, never, R>
): Layer.Layer<RpcMiddleware.ForClient<Id>, never, R> =>
  RpcMiddleware.layerClient(middleware, ({ request }) =>
    Headers.has(request.headers, "authorization")
      ? Effect.succeed(request)
      : Effect.map(token, (t) =>
        t === undefined ? request : { ...request, headers: Headers.set(request.headers, "authorization", `Bearer ${t}`) }))

/** Bearer-token authentication for the auth middleware codegen emits for a contract with `auth`. */
export const Auth = { bearer, verifier, layer, client } as const

export declare namespace Auth {
  /** A contract's generated auth middleware (`OrdersAuth`): it provides principal `P` or fails `Unauthorized`. */
  type Middleware<Id, P> = Context.Tag<Id, RpcMiddleware.RpcMiddleware<P, EdgeError.Unauthorized>>
  /** A verifier: a bearer token to the principal it proves, or `Unauthorized`. */
  type Verify<P> = (token: string) => Effect.Effect<P, EdgeError.Unauthorized>
}
