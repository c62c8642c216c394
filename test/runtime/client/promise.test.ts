/**
 * The promise facade (`effect-contracts/ClientPromise`), used as a React or Vue app would, with async/await:
 * calls resolve or reject with the typed error object, streams and channels are async iterables or callbacks,
 * `state` / `onState` follow the connection, a timeout or an aborted signal rejects, `close()` ends it all.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"
import { ClientPromise } from "effect-contracts/ClientPromise"
import { EdgeError } from "effect-contracts/EdgeError"
import { createRequire } from "node:module"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ShopApp } from "./Shop.js"
import { ShopPod } from "./ShopPod.js"

/** Node 20 has no global WebSocket: the `ws` package's, as a Node app would pass it. */
const _Ws = (createRequire(import.meta.url)("ws") as { readonly WebSocket: new(url: string) => globalThis.WebSocket }).WebSocket

const _scope = Effect.runSync(Scope.make())
const _server = { url: "" }

beforeAll(async () => {
  const served = await Effect.runPromise(ShopPod.serve({ gate: "open" }).pipe(Scope.extend(_scope), Effect.provide(NodeContext.layer)))
  _server.url = served.url
}, 60_000)
afterAll(() => Effect.runPromise(Scope.close(_scope, Exit.void)))

const _connect = (options: Partial<ClientPromise.Connect> & { readonly version?: string } = {}) =>
  ClientPromise.connect({
    url: _server.url,
    groups: ShopApp.ClientRpcs,
    version: ShopApp.version,
    webSocket: (url) => new _Ws(url),
    token: async () => "user-ann",
    ...options
  })

describe("the promise facade", () => {
  it("calls resolve with their success and reject with the typed error object", async () => {
    const client = await _connect()
    expect(await client.shop.Echo({ text: "hi" })).toBe("hi")
    expect(await client.shop.Whoami()).toBe("ann")
    const error: ClientPromise.Failure<typeof ShopApp.ClientRpcs, "shop", "Buy"> = await client.shop.Buy({ item: "gold" }).then(() => {
      throw new Error("bought gold")
    }, (e) => e)
    expect(error).toBeInstanceOf(ShopApp.OutOfStock)
    expect(error._tag).toBe("OutOfStock")
    const anonymous = await _connect({ token: () => undefined })
    await expect(anonymous.shop.Whoami()).rejects.toBeInstanceOf(EdgeError.Unauthorized)
    await Promise.all([client.close(), anonymous.close()])
  })

  it("a stream is an async iterable", async () => {
    const client = await _connect()
    const seen: Array<number> = []
    for await (const n of client.shop.Count({ to: 3 })) seen.push(n)
    expect(seen).toEqual([1, 2, 3])
    await client.close()
  })

  it("a channel: callbacks until unsubscribed, or an async iterator from a cursor; a refusal reaches onError", async () => {
    const client = await _connect()
    const room = "room-ann"
    const got: Array<{ readonly n: number; readonly cursor: string }> = []
    const arrived = { next: () => {} }
    const unsubscribe = client.subscribe("shop.Feed", room, {
      onMessage: (payload, cursor) => (got.push({ n: payload.n, cursor }), arrived.next())
    })
    // Live once a `0` published after subscribing arrives (a subscription without a cursor starts from now).
    while (got.length === 0) {
      const next = new Promise<void>((resolve) => (arrived.next = resolve, setTimeout(resolve, 100)))
      await Effect.runPromise(ShopPod.publish(_server.url, room, 0, 0))
      await next
    }
    const after = got.at(-1)!.cursor
    await Effect.runPromise(ShopPod.publish(_server.url, room, 1, 3))
    const iterated: Array<number> = []
    for await (const item of client.subscribe("shop.Feed", room, { cursor: after })) {
      item._tag === "Message" && iterated.push(item.payload.n)
      if (iterated.at(-1) === 3) break
    }
    expect(iterated.filter((n) => n !== 0)).toEqual([1, 2, 3])
    const callbacks = new Promise<void>((resolve) => (arrived.next = () => got.at(-1)?.n === 3 && resolve()))
    got.at(-1)?.n === 3 || (await callbacks)
    unsubscribe()
    expect(got.map((g) => g.n).filter((n) => n !== 0)).toEqual([1, 2, 3])
    const refused = await new Promise((resolve) => client.subscribe("shop.Feed", "room-bob", { onMessage: () => {}, onError: resolve }))
    expect(refused).toBeInstanceOf(EdgeError.Forbidden)
    await client.close()
  })

  it("state and onState follow the connection; close() ends it", async () => {
    const client = await _connect()
    const states: Array<ClientPromise.State> = []
    const opened = new Promise<void>((resolve) => client.onState((s) => (states.push(s), s === "open" && resolve())))
    await opened
    expect(client.state).toBe("open")
    await client.close()
    expect(client.state).toBe("closed")
    expect(states.at(-1)).toBe("closed")
    expect(states.filter((s, i) => s !== states[i - 1])).toEqual(states)
  })

  it("a timeout, a version the server does not run, and an aborted signal all reject typed", async () => {
    const client = await _connect({ timeout: 300 })
    await expect(client.shop.Slow()).rejects.toMatchObject({ _tag: "Unavailable", outcome: "unknown" })
    const abort = new AbortController()
    const aborted = client.shop.Slow(undefined, { timeout: "1 minute", signal: abort.signal })
    abort.abort()
    await expect(aborted).rejects.toMatchObject({ _tag: "InterruptedException" })
    const old = await _connect({ version: "shop-v0" })
    await expect(old.shop.Echo({ text: "hi" })).rejects.toMatchObject({ _tag: "UpgradeRequired", server: ShopApp.version })
    await Promise.all([client.close(), old.close()])
  })
})
