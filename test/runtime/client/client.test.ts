/**
 * The Effect browser client (`effect-contracts/Client`) against a real shop pod, over WebSocket and HTTP: typed
 * unary calls, streams, contract and edge errors, bearer tokens, a channel subscription and a refused one, a
 * version the server does not run, per-call timeouts that say whether the call left, and the connection state.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import { expect, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import { Client } from "effect-contracts/Client"
import { EdgeError } from "effect-contracts/EdgeError"
import { Pods } from "../cluster/Pods.js"
import { ShopApp } from "./Shop.js"
import { ShopPod } from "./ShopPod.js"

class Pod extends Context.Tag("test/client/Pod")<Pod, { readonly url: string }>() {}

const _env = Layer.mergeAll(NodeContext.layer, NodeSocket.layerWebSocketConstructor)
const _pod = Layer.scoped(Pod, ShopPod.serve({ gate: "open" })).pipe(Layer.provideMerge(_env))

/** A client of the pod as user `user` (no token without one), over `transport`. */
const _client = (transport: "websocket" | "http", user?: string, options: Partial<Client.Connect> & { readonly version?: string } = {}) =>
  Effect.flatMap(Pod, ({ url }) =>
    Client.make({
      url,
      transport,
      groups: ShopApp.ClientRpcs,
      version: ShopApp.version,
      ...(user === undefined ? {} : { token: Effect.succeed(`user-${user}`) }),
      ...options
    }))

/** Wait until the client's state is `state` (a condition, never a delay). */
const _until = (client: Client.Client<typeof ShopApp.ClientRpcs>, state: Client.State) =>
  client.state.changes.pipe(Stream.filter((s) => s === state), Stream.runHead, Effect.timeout("20 seconds"))

layer(_pod, { timeout: 60_000, excludeTestServices: true })("the Effect client", (it) => {
  it.scoped.each(["websocket", "http"] as const)("over %s: unary calls, streams, a typed contract error, a bearer token", (transport) =>
    Effect.gen(function*() {
      const client = yield* _client(transport, "ann")
      expect(yield* client.shop.Echo({ text: "hi" })).toBe("hi")
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(client.shop.Count({ to: 3 })))).toEqual([1, 2, 3])
      const error = yield* Effect.flip(client.shop.Buy({ item: "gold" }))
      expect(error).toBeInstanceOf(ShopApp.OutOfStock)
      expect(error).toMatchObject({ _tag: "OutOfStock", item: "gold" })
      expect(yield* client.shop.Whoami()).toBe("ann")
      expect(yield* client.state.get).toBe("open")
    }))

  it.scoped.each(["websocket", "http"] as const)("over %s: no token is a typed Unauthorized, another user's room a typed Forbidden", (transport) =>
    Effect.gen(function*() {
      const anonymous = yield* _client(transport)
      expect(yield* Effect.flip(anonymous.shop.Whoami())).toBeInstanceOf(EdgeError.Unauthorized)
      const ann = yield* _client(transport, "ann")
      const refused = yield* Effect.flip(Stream.runDrain(ann.subscribe("shop.Feed", "room-bob")))
      expect(refused).toBeInstanceOf(EdgeError.Forbidden)
      expect(yield* Effect.flip(Stream.runDrain(anonymous.subscribe("shop.Feed", "room-ann")))).toBeInstanceOf(EdgeError.Unauthorized)
    }))

  it.scoped("a subscription receives what is published, in order, each once; and resumes from a cursor", () =>
    Effect.gen(function*() {
      const { url } = yield* Pod
      const client = yield* _client("websocket", "ann")
      const room = "room-ann"
      const items = yield* Queue.unbounded<Client.Item<typeof ShopApp.ClientRpcs, "shop.Feed">>()
      yield* client.subscribe("shop.Feed", room).pipe(Stream.runForEach((i) => Queue.offer(items, i)), Effect.forkScoped)
      yield* ShopPod.prime(url, room, items)
      yield* ShopPod.publish(url, room, 1, 5)
      const first = yield* ShopPod.until(items, 5)
      expect(first.numbers).toEqual([1, 2, 3, 4, 5])
      const third = first.items.find((i) => i._tag === "Message" && i.payload.n === 3)!
      const rest = yield* client.subscribe("shop.Feed", room, { cursor: third.cursor }).pipe(Stream.take(2), Stream.runCollect)
      expect(Chunk.toReadonlyArray(rest).map((i) => i._tag === "Message" ? i.payload.n : i._tag)).toEqual([4, 5])
    }))

  it.scoped.each(["websocket", "http"] as const)("over %s: a client built from other contracts gets UpgradeRequired on every call", (transport) =>
    Effect.gen(function*() {
      const client = yield* _client(transport, "ann", { version: "shop-v0" })
      const error = yield* Effect.flip(client.shop.Echo({ text: "hi" }))
      expect(error).toBeInstanceOf(EdgeError.UpgradeRequired)
      expect(error).toMatchObject({ server: ShopApp.version, client: "shop-v0" })
      expect(yield* Effect.flip(Stream.runDrain(client.subscribe("shop.Feed", "room-ann")))).toBeInstanceOf(EdgeError.UpgradeRequired)
    }))

  it.scoped.each(["websocket", "http"] as const)("over %s: a per-call timeout fails typed: `unknown` once the call left, `not-stored` when it never could", (transport) =>
    Effect.gen(function*() {
      const client = yield* _client(transport, "ann", { timeout: "300 millis" })
      expect(yield* Effect.flip(client.shop.Slow())).toMatchObject({ _tag: "Unavailable", outcome: "unknown" })
      expect(yield* client.shop.Echo({ text: "still served" }, { timeout: "10 seconds" })).toBe("still served")
      const nowhere = yield* Client.make({
        url: `http://127.0.0.1:${yield* Pods.freePort}`,
        transport,
        groups: ShopApp.ClientRpcs,
        reconnect: { base: "20 millis", max: "100 millis" }
      })
      const error = yield* Effect.flip(nowhere.shop.Echo({ text: "hi" }, { timeout: "300 millis" }))
      expect(error).toBeInstanceOf(EdgeError.Unavailable)
      expect(error).toMatchObject({ outcome: "not-stored" })
      expect(yield* nowhere.state.get).toBe("connecting")
    }))

  it.effect.each(["websocket", "http"] as const)("over %s: the state is `open` once connected and `closed` once the client's scope closes", (transport) =>
    Effect.gen(function*() {
      const states = yield* Effect.scoped(Effect.gen(function*() {
        const client = yield* _client(transport)
        const seen = yield* client.state.changes.pipe(Stream.takeUntil((s) => s === "closed"), Stream.runCollect, Effect.fork)
        expect(Option.isSome(yield* _until(client, "open"))).toBe(true)
        return seen
      }))
      const seen = Chunk.toReadonlyArray(yield* Fiber.join(states))
      expect(seen.filter((s, i) => s !== seen[i - 1])).toEqual(["connecting", "open", "closed"])
    }))
})
