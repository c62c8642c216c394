/**
 * The browser client survives its server: the shop pod is killed (`kill -9`, no close frame) and another is
 * started on the same port and database. The state goes `reconnecting` then `open`; a call made during the
 * outage completes after it; a non-idempotent call that was in flight fails with `Unavailable { outcome:
 * "unknown" }` and is not run again, an idempotent one is replayed once; a channel subscription resumes from
 * its cursor with no gap and no duplicate, messages published during the outage included.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { Client } from "effect-contracts/Client"
import { ShopApp } from "./Shop.js"
import { ShopPod } from "./ShopPod.js"

/** Poll `read` until it gives `expected` (a condition, never a fixed delay). */
const _until = <A, E>(read: Effect.Effect<A, E>, expected: A) =>
  read.pipe(
    Effect.filterOrFail((v) => v === expected),
    Effect.retry(Schedule.spaced("20 millis").pipe(Schedule.upTo("30 seconds"))),
    Effect.orDie
  )

describe("the client across a server restart", () => {
  it.live("reconnects; waits, replays or fails its calls by what they are; resumes its subscription with no gap", () =>
    Effect.gen(function*() {
      const db = yield* ShopPod.database
      const first = yield* ShopPod.start({ db, gate: "closed" })
      const client = yield* Client.make({
        url: first.url,
        groups: ShopApp.ClientRpcs,
        version: ShopApp.version,
        token: Effect.succeed("user-ann"),
        idempotent: ["HoldAgain"],
        timeout: "60 seconds",
        reconnect: { base: "50 millis", max: "250 millis", resetAfter: "10 seconds" }
      })
      const states = yield* Ref.make<ReadonlyArray<Client.State>>([])
      yield* client.state.changes.pipe(Stream.runForEach((s) => Ref.update(states, (all) => all.at(-1) === s ? all : [...all, s])), Effect.forkScoped)

      const room = "room-lobby"
      const items = yield* Queue.unbounded<Client.Item<typeof ShopApp.ClientRpcs, "shop.Feed">>()
      yield* client.subscribe("shop.Feed", room).pipe(Stream.runForEach((i) => Queue.offer(items, i)), Effect.forkScoped)
      yield* ShopPod.prime(first.url, room, items)
      yield* ShopPod.publish(first.url, room, 1, 3)
      expect((yield* ShopPod.until(items, 3)).numbers).toEqual([1, 2, 3])

      // Two calls the pod holds (its gate is closed): both are running when it dies.
      const hold = yield* Effect.fork(Effect.flip(client.shop.Hold({ id: "once" })))
      const again = yield* Effect.fork(client.shop.HoldAgain({ id: "again" }))
      yield* _until(client.shop.Runs({ id: "once" }), 1)
      yield* _until(client.shop.Runs({ id: "again" }), 1)

      yield* first.kill9
      expect(yield* Fiber.join(hold), "in flight, not idempotent").toMatchObject({ _tag: "Unavailable", outcome: "unknown" })
      yield* _until(client.state.get, "reconnecting")
      const during = yield* Effect.fork(client.shop.Echo({ text: "made during the outage" }))
      // Published while no pod runs: by another process, straight into the log.
      yield* ShopApp.publish(room, 4, 5).pipe(Effect.provide(SqliteClient.layer({ filename: db })), Effect.orDie)

      const second = yield* ShopPod.start({ db, port: first.port, gate: "open" })
      expect(yield* Fiber.join(during)).toBe("made during the outage")
      expect(yield* Fiber.join(again), "in flight, idempotent: replayed").toBe("held again")
      expect(yield* client.shop.Runs({ id: "again" }), "replayed once on the new pod").toBe(1)
      expect(yield* client.shop.Runs({ id: "once" }), "not replayed").toBe(0)
      yield* ShopPod.publish(second.url, room, 6, 7)
      const resumed = yield* ShopPod.until(items, 7)
      expect(resumed.numbers, "no gap, no duplicate").toEqual([4, 5, 6, 7])
      expect(resumed.items.filter((i) => i._tag === "Gap")).toEqual([])
      expect(yield* Ref.get(states)).toEqual(["connecting", "open", "reconnecting", "open"])
    }).pipe(Effect.scoped, Effect.provide(Layer.mergeAll(NodeContext.layer, NodeSocket.layerWebSocketConstructor))), 120_000)
})
