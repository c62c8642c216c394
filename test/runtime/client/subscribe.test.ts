/**
 * A channel subscription started without a cursor survives a server that dies before its first message: the
 * server opens it with `Start` (where "now" was), the client keeps that cursor, and after a `kill -9`, messages
 * published while no server ran, and a restart on the same port and log, it resumes from there — the caller
 * gets exactly the messages published since it subscribed, no gap, no duplicate, and never the `Start` itself.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as Socket from "@effect/platform/Socket"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import { Client } from "effect-contracts/Client"
import { ShopApp } from "./Shop.js"
import { ShopPod } from "./ShopPod.js"

/** Node's WebSocket constructor, telling `frames` of every frame the client's sockets receive (as it reads them). */
const _observed = (frames: Queue.Queue<string>) =>
  Layer.effect(
    Socket.WebSocketConstructor,
    Effect.map(Socket.WebSocketConstructor, (make) => (url: string) => {
      const ws = make(url)
      ws.addEventListener("message", (e) => Queue.unsafeOffer(frames, String(e.data)))
      return ws
    })
  ).pipe(Layer.provide(NodeSocket.layerWebSocketConstructor))

/** Wait until a received frame carries a channel's `Start` item: the server has sent where the subscription began. */
const _started = (frames: Queue.Queue<string>) =>
  Queue.take(frames).pipe(
    Effect.repeat({ until: (text) => text.includes(`"_tag":"Start"`) }),
    Effect.timeoutFail({ duration: "30 seconds", onTimeout: () => new Error("the subscription never started") }),
    Effect.orDie
  )

describe("a subscription without a cursor", () => {
  it.live.each(["kill9", "stop"] as const)("cut before its first message (%s), resumes from where it began: what was published during the outage arrives", (end) =>
    Effect.gen(function*() {
      const db = yield* ShopPod.database
      const first = yield* ShopPod.start({ db, gate: "open" })
      const frames = yield* Queue.unbounded<string>()
      const client = yield* Client.make({
        url: first.url,
        groups: ShopApp.ClientRpcs,
        version: ShopApp.version,
        token: Effect.succeed("user-ann"),
        reconnect: { base: "50 millis", max: "250 millis", resetAfter: "10 seconds" }
      }).pipe(Effect.provide(_observed(frames)))
      const room = "room-ann"
      const items = yield* Queue.unbounded<Client.Item<typeof ShopApp.ClientRpcs, "shop.Feed">>()
      yield* client.subscribe("shop.Feed", room).pipe(Stream.runForEach((i) => Queue.offer(items, i)), Effect.forkScoped)
      yield* _started(frames)
      expect(yield* Queue.size(items), "nothing published yet, and the Start is not passed on").toBe(0)

      yield* first[end]
      // Published while no server runs, by another process, straight into the log the next server reads.
      yield* ShopApp.publish(room, 1, 3).pipe(Effect.provide(SqliteClient.layer({ filename: db })), Effect.orDie)
      const second = yield* ShopPod.start({ db, port: first.port, gate: "open" })
      yield* ShopPod.publish(second.url, room, 4, 4)

      const resumed = yield* ShopPod.until(items, 4)
      expect(resumed.numbers, "exactly what was published since it subscribed: no gap, no duplicate").toEqual([1, 2, 3, 4])
      expect(resumed.items.map((i) => i._tag)).toEqual(["Message", "Message", "Message", "Message"])
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 120_000)
})
