/**
 * The types of the browser client, derived from an app's record of RPC groups: one method per public RPC
 * (nested by group), a typed `subscribe` per channel, the connection's state. Types only: nothing runs here.
 */
import type * as Headers from "@effect/platform/Headers"
import type * as Rpc from "@effect/rpc/Rpc"
import type * as RpcGroup from "@effect/rpc/RpcGroup"
import type * as RpcSchema from "@effect/rpc/RpcSchema"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as Subscribable from "effect/Subscribable"
import type { EdgeError } from "../contract/EdgeError.js"

type _Dotted = `${string}.${string}`

/** Every RPC of every group. */
type _Rpcs<G extends ClientApi.Groups> = { readonly [K in keyof G]: RpcGroup.Rpcs<G[K]> }[keyof G]

/** What one RPC may fail with: its errors (a stream's too), its middleware's, and the edge's. */
type _Failure<R> = R extends Rpc.Rpc<infer _T, infer _P, infer S, infer E, infer M>
  ? ([S] extends [RpcSchema.Stream<infer _A, infer SE>] ? SE["Type"] : never) | E["Type"] | M["failure"]["Type"] | EdgeError
  : never

/** One method: a unary RPC is an Effect, a streaming one a Stream. */
type _Method<R> = R extends Rpc.Rpc<infer _T, infer _P, infer S, infer _E, infer _M>
  ? [S] extends [RpcSchema.Stream<infer A, infer _SE>]
    ? (payload: Rpc.PayloadConstructor<R>, options?: ClientApi.StreamOptions) => Stream.Stream<A["Type"], _Failure<R>>
  : (payload: Rpc.PayloadConstructor<R>, options?: ClientApi.CallOptions) => Effect.Effect<S["Type"], _Failure<R>>
  : never

/** The methods of one group: its RPCs whose tag has no dot (dotted ones are channel subscriptions). */
type _Calls<R> = { readonly [C in R & Rpc.Any as C["_tag"] extends _Dotted ? never : C["_tag"]]: _Method<C> }

/** Groups with at least one method. */
type _CallGroups<G extends ClientApi.Groups> = {
  readonly [K in keyof G as [Exclude<RpcGroup.Rpcs<G[K]>["_tag"], _Dotted>] extends [never] ? never : K]: _Calls<RpcGroup.Rpcs<G[K]>>
}

type _Channel<G extends ClientApi.Groups, T> = Extract<_Rpcs<G>, { readonly _tag: T }>

/** The items a channel's stream carries (`Start`, `Message`, `Gap`, `Lagged`). */
type _Items<R> = R extends Rpc.Rpc<infer _T, infer _P, infer S, infer _E, infer _M>
  ? [S] extends [RpcSchema.Stream<infer A, infer _SE>] ? A["Type"] : never
  : never

export declare namespace ClientApi {
  /** An app's public RPC groups by name (the generated `ClientRpcs`, or `AppRpcs` outside browsers). */
  type Groups = Readonly<Record<string, RpcGroup.Any>>
  /** Every RPC tag of the groups. */
  type Tag<G extends Groups> = _Rpcs<G>["_tag"]
  /**
   * The connection: `connecting` until it first opens, `open`, `reconnecting` after it dropped (calls wait),
   * `closed` once the client's scope closed.
   */
  type State = "connecting" | "open" | "reconnecting" | "closed"
  /** The tags of the channels of the groups: `"<contract>.<Channel>"`. */
  type ChannelTag<G extends Groups> = Extract<_Rpcs<G>, { readonly _tag: _Dotted }>["_tag"]
  /** The key a channel's streams are addressed by. */
  type ChannelKey<G extends Groups, T> = Rpc.PayloadConstructor<_Channel<G, T>> extends { readonly key: infer K } ? K : never
  /** What a subscriber receives: a message with its cursor, or a gap (messages were missed: refetch). */
  type Item<G extends Groups, T> = Exclude<_Items<_Channel<G, T>>, { readonly _tag: "Lagged" | "Start" }>
  /** What ends a subscription: refusals. A disconnect, a lag or `Overloaded` resume it instead. */
  type SubscribeFailure<G extends Groups, T> = Exclude<_Failure<_Channel<G, T>>, EdgeError.Unavailable | EdgeError.Overloaded>

  interface CallOptions {
    /** How long the call may take, waiting for a connection included; default the client's `timeout`. */
    readonly timeout?: Duration.DurationInput
    readonly headers?: Headers.Input
  }
  interface StreamOptions {
    readonly headers?: Headers.Input
  }
  interface SubscribeOptions {
    /** Resume after this cursor (a message's or a gap's); default: from now. */
    readonly cursor?: string | undefined
  }
  /** Reconnect delays: exponential from `base`, at most `max`, jittered; back to `base` after `resetAfter` open. */
  interface Reconnect {
    readonly base?: Duration.DurationInput
    readonly max?: Duration.DurationInput
    readonly resetAfter?: Duration.DurationInput
  }

  /** How to reach the server: everything but the app's own groups, version and idempotent RPCs. */
  interface Connect {
    /** The server's base URL (`https://api.example.com`, or `http://127.0.0.1:8080`). */
    readonly url: string
    /** `websocket` (default): one socket for every call and subscription; `http`: `POST /rpc/<group>` per call. */
    readonly transport?: "websocket" | "http"
    /** The bearer token, read per call (a refreshed token is used at once); `undefined` sends none. */
    readonly token?: Effect.Effect<string | undefined>
    /** Default per-call timeout (waiting for a connection included): 30 seconds. */
    readonly timeout?: Duration.DurationInput
    /** Reconnect delays: default `{ base: "500 millis", max: "10 seconds", resetAfter: "30 seconds" }`. */
    readonly reconnect?: Reconnect
    /** How often an open socket pings the server; a ping unanswered by the next one drops it. Default 10 seconds. */
    readonly heartbeat?: Duration.DurationInput
    /** The WebSocket endpoint's path under `url`: `/ws`. */
    readonly path?: `/${string}`
  }

  /** `Client.make`'s options: how to connect, and the app's groups. */
  interface Options<G extends Groups> extends Connect {
    readonly groups: G
    /** The contracts' version the client was built from (`AppVersion`), sent as `?v=`; a server of another answers `UpgradeRequired`. */
    readonly version?: string
    /** Tags of RPCs safe to run twice, replayed after a reconnect (besides those whose payload has a primary key). */
    readonly idempotent?: ReadonlyArray<Tag<G>>
  }

  /** A connected client: `client.<group>.<Rpc>(payload)`, `client.subscribe(tag, key)`, `client.state`. */
  type Client<G extends Groups> = _CallGroups<G> & {
    /**
     * Follow the stream of `key` of channel `tag`: messages and gaps, resumed from the last cursor after a
     * disconnect or a lag (no message lost, none twice). It ends only when refused (`Unauthorized`, …).
     */
    readonly subscribe: <T extends ChannelTag<G>>(
      tag: T,
      key: ChannelKey<G, T>,
      options?: SubscribeOptions
    ) => Stream.Stream<Item<G, T>, SubscribeFailure<G, T>>
    /** The connection's state, now (`get`) and as it changes (`changes`, starting with the current one). */
    readonly state: Subscribable.Subscribable<State>
  }
}
