/**
 * The types of the promise facade, derived from the Effect client's: a unary RPC becomes a function returning
 * a `Promise` of its success (rejected with its typed error object), a streaming one an `AsyncIterable`, a
 * channel a callback subscription or an `AsyncIterator`. Types only: nothing runs here.
 */
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { ClientApi } from "../Api.js"

type _Groups = ClientApi.Groups

/** One method of the Effect client as a promise function. */
type _Promised<M> = M extends (payload: infer P, options?: infer _O) => Effect.Effect<infer A, infer _E>
  ? (payload: P, options?: ClientPromiseApi.CallOptions) => Promise<A>
  : M extends (payload: infer P, options?: infer _O) => Stream.Stream<infer A, infer _E> ? (payload: P, options?: ClientPromiseApi.StreamOptions) => AsyncIterable<A>
  : never

/** What one method of the Effect client fails with: the promise's rejection. */
type _Rejection<M> = M extends (payload: infer _P, options?: infer _O) => Effect.Effect<infer _A, infer E> ? E
  : M extends (payload: infer _P, options?: infer _O) => Stream.Stream<infer _A, infer E> ? E
  : never

/** The Effect client's groups of methods, without its own members. */
type _Calls<G extends _Groups> = Omit<ClientApi.Client<G>, "subscribe" | "state">

export declare namespace ClientPromiseApi {
  interface CallOptions {
    /** How long the call may take (milliseconds, or `"5 seconds"`), waiting for a connection included. */
    readonly timeout?: Duration.DurationInput
    readonly headers?: Readonly<Record<string, string>>
    /** Aborting it interrupts the call (the server is told) and rejects the promise. */
    readonly signal?: AbortSignal
  }
  interface StreamOptions {
    readonly headers?: Readonly<Record<string, string>>
  }
  /** What a callback subscription calls: each message, each gap (refetch what you show), the end by a refusal. */
  interface Handlers<P> {
    readonly onMessage: (payload: P, cursor: string) => void
    readonly onGap?: (gap: { readonly cursor: string; readonly message: string }) => void
    readonly onError?: (error: unknown) => void
    /** Resume after this cursor; default: from now. */
    readonly cursor?: string | undefined
  }

  /** `connect`'s options: the Effect client's, with a token read by a function (returning it or a promise of it). */
  interface Options<G extends _Groups> extends Omit<ClientApi.Options<G>, "token"> {
    /** The bearer token, read per call; `undefined` sends none. */
    readonly token?: () => string | undefined | PromiseLike<string | undefined>
    /** Where there is no global `WebSocket` (Node 20): a constructor, e.g. `(url) => new WebSocket(url)` of the `ws` package. */
    readonly webSocket?: (url: string) => globalThis.WebSocket
  }
  /** How to reach the server: everything but the app's own groups, version and idempotent RPCs. */
  type Connect = Omit<Options<_Groups>, "groups" | "version" | "idempotent">

  type Payload<G extends _Groups, T> = ClientApi.Item<G, T> extends infer I ? I extends { readonly _tag: "Message"; readonly payload: infer P } ? P : never : never

  /** A connected client: `client.<group>.<Rpc>(payload)`, `client.subscribe(tag, key, handlers)`, `client.state`. */
  type Client<G extends _Groups> = { readonly [K in keyof _Calls<G>]: { readonly [M in keyof _Calls<G>[K]]: _Promised<_Calls<G>[K][M]> } } & {
    /** Follow a channel: `handlers` are called until the returned function is called (or the client closes). */
    subscribe<T extends ClientApi.ChannelTag<G>>(tag: T, key: ClientApi.ChannelKey<G, T>, handlers: Handlers<Payload<G, T>>): () => void
    /** Follow a channel as an `AsyncIterator` of messages and gaps (a `for` loop over `client.subscribe(tag, key)`). */
    subscribe<T extends ClientApi.ChannelTag<G>>(
      tag: T,
      key: ClientApi.ChannelKey<G, T>,
      options?: ClientApi.SubscribeOptions
    ): AsyncIterable<ClientApi.Item<G, T>>
    /** The connection's state now. */
    readonly state: ClientApi.State
    /** Call `listener` with the state now and on every change; returns the function that stops it. */
    onState(listener: (state: ClientApi.State) => void): () => void
    /** Close the connection: pending calls are interrupted, subscriptions end, the state is `closed`. */
    close(): Promise<void>
  }

  /** What method `M` of group `K` rejects with (its typed errors): `ClientPromise.Failure<typeof ClientRpcs, "orders", "PlaceOrder">`. */
  type Failure<G extends _Groups, K extends keyof _Calls<G>, M extends keyof _Calls<G>[K]> = _Rejection<_Calls<G>[K][M]>
}
