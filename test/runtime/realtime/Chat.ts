/**
 * The realtime pods' public surface, written by hand the way codegen writes it: the `Feed` channel's
 * streaming RPC (`chat.Feed`, behind a bearer token naming the user), its handler, and its SSE exposure.
 * A user may read the `room-<user>` rooms and the public `room-lobby*` rooms; other keys are Forbidden.
 */
import * as Rpc from "@effect/rpc/Rpc"
import * as RpcGroup from "@effect/rpc/RpcGroup"
import * as RpcMiddleware from "@effect/rpc/RpcMiddleware"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { Auth } from "effect-contracts/Auth"
import { EdgeError } from "effect-contracts/EdgeError"
import { Realtime } from "effect-contracts/Realtime"
import { Feed } from "./Feed.js"

class Principal extends Context.Tag("chat/Principal")<Principal, { readonly user: string }>() {}

class ChatAuth extends RpcMiddleware.Tag<ChatAuth>()("chat/Auth", {
  provides: Principal,
  failure: EdgeError.Unauthorized,
  requiredForClient: true
}) {}

/** `user-<name>` is the token of user `<name>`. */
const _verify = Auth.verifier(ChatAuth, (token) =>
  token.startsWith("user-")
    ? Effect.succeed({ user: token.slice(5) })
    : Effect.fail(new EdgeError.Unauthorized({ message: "unknown token" })))

const allow = (room: string, p: { readonly user: string }) => room === `room-${p.user}` || room.startsWith("room-lobby")

const _FeedRpc = Rpc.make("chat.Feed", {
  payload: { key: Feed.Room, cursor: Schema.optional(Schema.String) },
  success: Feed.feed.item,
  error: EdgeError.schema,
  stream: true
})

const Rpcs = RpcGroup.make(_FeedRpc.middleware(ChatAuth))

const layer = Layer.mergeAll(
  Rpcs.toLayer({
    "chat.Feed": ({ cursor, key }) => Realtime.serve(Feed.feed, { key, cursor }, Effect.map(Principal, (p) => allow(key, p)))
  }),
  Auth.layer(ChatAuth, Effect.succeed(_verify))
)

const exposed = Realtime.expose(Feed.feed, (room, headers) =>
  Effect.gen(function*() {
    const token = Auth.bearer(headers)
    const p = yield* Option.isNone(token) ? Effect.fail(new EdgeError.Unauthorized({ message: "no bearer token" })) : _verify(token.value)
    return yield* allow(room, p) ? Effect.void : Effect.fail(new EdgeError.Forbidden({ message: `not your room: ${room}` }))
  }))

export const Chat = { Rpcs, ChatAuth, layer, exposed, allow } as const
