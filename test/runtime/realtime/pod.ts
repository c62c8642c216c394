/**
 * One pod of the realtime tests, as a real OS process: `Server` (the `chat.Feed` subscription over
 * WebSocket and SSE) with the realtime runtime on PostgreSQL, plus routes that publish numbered messages
 * and report the pod's memory (resident, and retained after a full collection). Configured by environment variables only.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Realtime } from "effect-contracts/Realtime"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { Server } from "effect-contracts/Server"
import { TestPod } from "../../support/TestPod.js"
import { Chat } from "./Chat.js"
import { Feed } from "./Feed.js"

const _Publish = Schema.Struct({
  key: Feed.Room,
  from: Schema.NumberFromString,
  to: Schema.NumberFromString,
  /** Payload padding in bytes (to make a slow client's backlog large). */
  pad: Schema.optionalWith(Schema.NumberFromString, { default: () => 0 })
})

// A collector the memory route can run, so it reports what is retained rather than garbage not yet collected.
setFlagsFromString("--expose_gc")
const _gc = runInNewContext("gc") as () => void

const _routes = HttpRouter.empty.pipe(
  HttpRouter.post(
    "/publish",
    Effect.gen(function*() {
      const q = yield* HttpServerRequest.schemaSearchParams(_Publish)
      yield* Feed.publish(q.key, q.from, q.to, "x".repeat(q.pad))
      return yield* HttpServerResponse.json({ published: q.to - q.from + 1 })
    })
  ),
  HttpRouter.get("/memory", Effect.suspend(() => {
    _gc()
    const m = process.memoryUsage()
    return HttpServerResponse.json({ rss: m.rss, retained: m.heapUsed + m.external })
  }))
)

const _main = Server.layer({ rpcs: { chat: Chat.Rpcs }, channels: [Chat.exposed], routes: _routes }).pipe(
  Layer.provide(Chat.layer),
  Layer.provide(Realtime.layer),
  Layer.provide(TestPod.infra)
)

NodeRuntime.runMain(Layer.launch(_main))
