/**
 * A pod of the realtime benchmark, as a real OS process: the realtime tests' `chat.Feed` channel (SSE and
 * WebSocket, test/runtime/realtime/Chat.ts) plus the unary `bench.Echo`, on PostgreSQL from the environment,
 * with `POST /publish` (numbered messages, each in its own transaction). Configured by environment only.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Realtime } from "effect-contracts/Realtime"
import { Server } from "effect-contracts/Server"
import { TestPod } from "../../support/TestPod.js"
import { Chat } from "../../runtime/realtime/Chat.js"
import { Feed } from "../../runtime/realtime/Feed.js"
import { Echo } from "./_echo.js"

const _Publish = Schema.Struct({
  key: Feed.Room,
  from: Schema.NumberFromString,
  to: Schema.NumberFromString
})

const _routes = HttpRouter.empty.pipe(
  HttpRouter.post(
    "/publish",
    Effect.gen(function*() {
      const q = yield* HttpServerRequest.schemaSearchParams(_Publish)
      yield* Feed.publish(q.key, q.from, q.to)
      return yield* HttpServerResponse.json({ published: q.to - q.from + 1 })
    })
  )
)

const _main = Server.layer({ rpcs: { chat: Chat.Rpcs, bench: Echo.Rpcs }, channels: [Chat.exposed], routes: _routes }).pipe(
  Layer.provide(Layer.merge(Chat.layer, Echo.layer)),
  Layer.provide(Realtime.layer),
  Layer.provide(TestPod.infra)
)

NodeRuntime.runMain(Layer.launch(_main))
