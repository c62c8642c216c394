/**
 * The browser client of an app (`effect-contracts/Client`): every public RPC group on one connection (one
 * WebSocket, or HTTP), typed methods per RPC, a subscription per channel that resumes from its cursor, and the
 * connection's state for a UI to show. It survives the network: it reconnects (jittered, capped, reset after a
 * healthy period), calls made meanwhile wait up to their timeout, idempotent calls cut by a disconnect are
 * replayed and the others fail with `Unavailable { outcome: "unknown" }`. Browser-safe: deep imports only, no
 * Node built-ins, no MessagePack; codegen's `generated/Client.ts` binds it to an app (`makeClient`).
 */
import type * as Rpc from "@effect/rpc/Rpc"
import * as RpcClient from "@effect/rpc/RpcClient"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { Auth } from "../http/Auth.js"
import type { ClientApi } from "./Api.js"
import { ClientCalls } from "./Calls.js"
import { ClientChannel } from "./Channel.js"
import { ClientHttp } from "./Http.js"
import { ClientPending } from "./Pending.js"
import { ClientSettings } from "./Settings.js"
import { ClientSocket } from "./Socket.js"
import { ClientSubscribe } from "./Subscribe.js"

/** The client's own members: a group may not have their names. */
const _reserved = ["subscribe", "state"] as const

type _NoReserved<G> = [keyof G & (typeof _reserved)[number]] extends [never] ? unknown
  : { readonly "a group may not be named `subscribe` or `state` (the client's own members)": never }

/** Every middleware of the RPCs carries the bearer token `token` reads (the generated ones are the contracts' auth). */
const _auth = (rpcs: ReadonlyArray<Rpc.AnyWithProps>, token: ClientApi.Connect["token"]) => {
  const middlewares = [...new Set(rpcs.flatMap((r) => [...r.middlewares]))] as unknown as ReadonlyArray<Auth.Middleware<unknown, unknown>>
  return middlewares.reduce(
    (layer: Layer.Layer<never>, m) => token === undefined ? layer : Layer.merge(layer, Layer.map(Auth.client(m, token), (c) => c as never)),
    Layer.empty
  )
}

/**
 * A client of the server at `options.url` for `options.groups` (an app's groups by name: the generated
 * `ClientRpcs`), in the caller's scope: closing the scope closes the connection (state `closed`). Methods are
 * `client.<group>.<Rpc>(payload, { timeout })`; channels are `client.subscribe("<contract>.<Channel>", key)`.
 * In Node, provide `NodeSocket.layerWebSocketConstructor` (browsers have a global `WebSocket`).
 */
const make = <G extends ClientApi.Groups>(
  options: ClientApi.Options<G> & _NoReserved<G>
): Effect.Effect<ClientApi.Client<G>, never, Scope.Scope> =>
  Effect.gen(function*() {
    const clash = Object.keys(options.groups).filter((k) => (_reserved as ReadonlyArray<string>).includes(k))
    yield* clash.length === 0 ? Effect.void : Effect.dieMessage(`Client.make: a group may not be named ${clash.join(", ")}`)
    const owners = Object.entries(options.groups).flatMap(([name, g]) => [...ClientCalls.requests(g).values()].map((r) => [r, name] as const))
    const rpcs = new Map(owners.map(([r]) => [r._tag, r]))
    const groupOf = new Map(owners.map(([r, name]) => [r._tag, name]))
    const settings = ClientSettings.resolve(options)
    const pending = ClientPending.make(rpcs, new Set<string>(options.idempotent ?? []))
    const transport = options.transport === "http"
      ? yield* ClientHttp.make(settings, pending, (tag) => groupOf.get(tag) ?? "")
      : yield* ClientSocket.make(settings, pending)
    // One RpcClient for every group: two on one protocol would leave the second one's calls unanswered.
    const group = RpcGroup.make(...([...rpcs.values()] as unknown as ReadonlyArray<Rpc.Any>))
    const made = RpcClient.make(group, { flatten: true }) as Effect.Effect<unknown, never, RpcClient.Protocol | Scope.Scope>
    const rpc = (yield* made.pipe(
      Effect.provideService(RpcClient.Protocol, transport.protocol),
      Effect.provide(_auth([...rpcs.values()], options.token))
    )) as ClientCalls.Flat
    const client = {
      ...ClientCalls.make(rpc, options.groups, settings.timeout),
      subscribe: ClientSubscribe.make(rpc, settings),
      state: transport.state.readable
    }
    return client as unknown as ClientApi.Client<G>
  })

/**
 * The browser client: `Client.make({ url, groups })` in a scope, and `Client.channel`, the subscription RPC of
 * a contract's channel without the server's realtime runtime (what generated `ClientRpcs` are made of).
 */
export const Client = { make, channel: ClientChannel.make } as const

export declare namespace Client {
  type Groups = ClientApi.Groups
  type Options<G extends Groups> = ClientApi.Options<G>
  type Connect = ClientApi.Connect
  type State = ClientApi.State
  type Reconnect = ClientApi.Reconnect
  type CallOptions = ClientApi.CallOptions
  type SubscribeOptions = ClientApi.SubscribeOptions
  /** A client of groups `G`: `Client.Client<typeof ClientRpcs>`. */
  type Client<G extends Groups> = ClientApi.Client<G>
  type ChannelTag<G extends Groups> = ClientApi.ChannelTag<G>
  type Item<G extends Groups, T extends ChannelTag<G>> = ClientApi.Item<G, T>
}
