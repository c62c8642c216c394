/**
 * The client's pure parts: the URLs it derives from `url`, its reconnect delays (growing, capped, jittered
 * below the cap, back to `base` after a healthy connection) and which calls a lost connection replays.
 */
import * as Rpc from "@effect/rpc/Rpc"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { ClientPending } from "../../../runtime/client/Pending.js"
import { ClientSettings } from "../../../runtime/client/Settings.js"

describe("client settings", () => {
  it("derives the socket, RPC and probe URLs from the server's base URL, its path kept", () => {
    const local = ClientSettings.resolve({ url: "http://127.0.0.1:8080/", version: "v1" })
    expect(local.socketUrl).toBe("ws://127.0.0.1:8080/ws?format=json&v=v1")
    expect(local.rpcUrl("orders")).toBe("http://127.0.0.1:8080/rpc/orders")
    const proxied = ClientSettings.resolve({ url: "https://shop.example.com/api", path: "/socket" })
    expect(proxied.socketUrl).toBe("wss://shop.example.com/api/socket?format=json")
    expect(proxied.probeUrl).toBe("https://shop.example.com/api/livez")
  })

  it.effect("reconnect delays grow to the cap, each in [50 %, 100 %] of its step, and restart after a healthy connection", () =>
    Effect.gen(function*() {
      const schedule = ClientSettings.reconnect({ base: Duration.millis(100), max: Duration.seconds(1), resetAfter: Duration.seconds(30) })
      const lost = { healthy: false }
      const inputs = [lost, lost, lost, lost, lost, lost, { healthy: true }, lost]
      const delays = Chunk.toReadonlyArray(yield* Schedule.run(Schedule.delays(schedule), 0, inputs)).map(Duration.toMillis)
      const steps = [100, 200, 400, 800, 1000, 1000, 100, 200]
      delays.forEach((d, i) => {
        expect(d, `delay ${i}`).toBeGreaterThanOrEqual(steps[i]! / 2)
        expect(d, `delay ${i}`).toBeLessThanOrEqual(steps[i]!)
      })
    }))

  it("a lost connection replays idempotent unary calls (listed, or keyed by Rpc.make) and fails the others", () => {
    const rpcs = [
      Rpc.make("Plain", { payload: { id: Schema.String } }),
      Rpc.make("Listed", { payload: { id: Schema.String } }),
      Rpc.make("Keyed", { payload: { id: Schema.String }, primaryKey: (p) => p.id }),
      Rpc.make("Listed.Stream", { payload: { id: Schema.String }, stream: true })
    ] as unknown as ReadonlyArray<Rpc.AnyWithProps>
    const pending = ClientPending.make(new Map(rpcs.map((r) => [r._tag, r])), new Set(["Listed", "Listed.Stream"]))
    const request = (id: string, tag: string) => ({ _tag: "Request" as const, id, tag, payload: {}, headers: [] })
    const entries = rpcs.map((r, i) => pending.add(request(String(i), r._tag), undefined))
    entries.forEach((e) => pending.sent(e, 1))
    const waiting = pending.add(request("9", "Plain"), undefined)
    const { failed, replay } = pending.lost(1)
    expect(replay.map((e) => e.request.tag)).toEqual(["Listed", "Keyed"])
    expect(failed.map((e) => e.request.tag)).toEqual(["Plain", "Listed.Stream"])
    expect([...replay, waiting].map((e) => pending.live(e)), "kept to be written again, or still waiting").toEqual([true, true, true])
    expect(failed.map((e) => pending.live(e))).toEqual([false, false])
  })
})
