/**
 * The app the client tests talk to, written the way codegen writes one: a `shop` group (a unary call, a typed
 * contract error, a call behind a bearer token, a stream, calls that wait for a gate the pod opens or not, one
 * that never answers) and the channel `shop.Feed`, served by the pod with its handlers; the client side is the
 * same group plus the channel as `Client.channel` declares it (no server runtime), as generated `ClientRpcs`.
 */
import * as Rpc from "@effect/rpc/Rpc"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import * as RpcMiddleware from "@effect/rpc/RpcMiddleware"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { Auth } from "effect-contracts/Auth"
import { Client } from "effect-contracts/Client"
import { EdgeError } from "effect-contracts/EdgeError"
import { Realtime } from "effect-contracts/Realtime"

class OutOfStock extends Schema.TaggedError<OutOfStock>("test/OutOfStock")("OutOfStock", { item: Schema.String }) {}

class Principal extends Context.Tag("shop/Principal")<Principal, { readonly user: string }>() {}

class ShopAuth extends RpcMiddleware.Tag<ShopAuth>()("shop/ShopAuth", { provides: Principal, failure: EdgeError.Unauthorized, requiredForClient: true }) {}

const _edge = Schema.Union(Schema.Never, EdgeError.schema)

/** The shop's RPCs: `Hold` and `HoldAgain` wait until the pod's gate is open (`GATE=open`); `Slow` never answers. */
const Shop = RpcGroup.make(
  Rpc.make("Echo", { payload: { text: Schema.String }, success: Schema.String, error: _edge }),
  Rpc.make("Buy", { payload: { item: Schema.String }, success: Schema.String, error: Schema.Union(OutOfStock, EdgeError.schema) }),
  Rpc.make("Whoami", { success: Schema.String, error: _edge }).middleware(ShopAuth),
  Rpc.make("Count", { payload: { to: Schema.Number }, success: Schema.Number, error: _edge, stream: true }),
  Rpc.make("Hold", { payload: { id: Schema.String }, success: Schema.String, error: _edge }),
  Rpc.make("HoldAgain", { payload: { id: Schema.String }, success: Schema.String, error: _edge }),
  Rpc.make("Runs", { payload: { id: Schema.String }, success: Schema.Number, error: _edge }),
  Rpc.make("Slow", { success: Schema.String, error: _edge })
)

const Room = Schema.String.pipe(Schema.pattern(/^room-[a-z0-9]+$/))
const FeedPayload = Schema.Struct({ n: Schema.Int })

/** The channel as the server declares it. */
const feed = Realtime.channel({ contract: "shop", name: "Feed", key: Room, payload: FeedPayload })

/** A user may follow `room-<user>` and `room-lobby`. */
const allow = (room: string, p: { readonly user: string }) => room === `room-${p.user}` || room === "room-lobby"

/** The server's subscription RPC, as the generated `<C>ChannelRpcs` declares it. */
const ServerChannels = RpcGroup.make(
  Rpc.make("shop.Feed", { payload: { key: Room, cursor: Schema.optional(Schema.String) }, success: feed.item, error: EdgeError.schema, stream: true })
    .middleware(ShopAuth)
)

/** The client's: the same wire, from the contract's channel alone. */
const ClientChannels = RpcGroup.make(Client.channel("shop", "Feed", { key: Room, payload: FeedPayload }).middleware(ShopAuth))

/** What the client connects with (the generated `ClientRpcs`), and what the pod serves (`AppRpcs`). */
const ClientRpcs = { shop: Shop, shopChannels: ClientChannels } as const
const ServerRpcs = { shop: Shop, shopChannels: ServerChannels } as const

/** The handlers; `gate` is whether `Hold*` answer, `runs` counts their runs by id in this process. */
const layer = (gate: boolean) =>
  Layer.unwrapEffect(Effect.gen(function*() {
    const runs = new Map<string, number>()
    const ran = (id: string) => Effect.sync(() => void runs.set(id, (runs.get(id) ?? 0) + 1))
    const hold = ({ id }: { readonly id: string }) => Effect.zipRight(ran(id), gate ? Effect.succeed(`held ${id}`) : Effect.never)
    return Layer.mergeAll(
      Shop.toLayer({
        Echo: ({ text }) => Effect.succeed(text),
        Buy: ({ item }) => item === "gold" ? Effect.fail(new OutOfStock({ item })) : Effect.succeed(`bought ${item}`),
        Whoami: () => Effect.map(Principal, (p) => p.user),
        Count: ({ to }) => Stream.range(1, to),
        Hold: hold,
        HoldAgain: hold,
        Runs: ({ id }) => Effect.sync(() => runs.get(id) ?? 0),
        Slow: () => Effect.never
      }),
      ServerChannels.toLayer({
        "shop.Feed": ({ cursor, key }) => Realtime.serve(feed, { key, cursor }, Effect.map(Principal, (p) => allow(key, p)))
      }),
      Auth.layer(ShopAuth, Effect.succeed(Auth.verifier(ShopAuth, (token) =>
        token.startsWith("user-") ? Effect.succeed({ user: token.slice(5) }) : Effect.fail(new EdgeError.Unauthorized({ message: "unknown token" })))))
    )
  }))

/** Publish messages `from`..`to` to `room`, each in its own transaction. */
const publish = (room: string, from: number, to: number) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.forEach(Array.from({ length: to - from + 1 }, (_, i) => from + i), (n) => sql.withTransaction(feed.publish(room, { n })), { discard: true }))

/** The version the pod runs (what a client sends as `?v=`). */
const version = "shop-v1"

export const ShopApp = { Shop, ClientRpcs, ServerRpcs, layer, publish, version, OutOfStock } as const
