/**
 * Golden scenario `channels`: what the generated channel modules do, beyond their bytes. Each channel is one
 * streaming RPC tagged `<contract>.<Channel>` (only those that need a principal carry the auth middleware), the
 * app's `AppRpcs` / `AppChannels` list every group and endpoint, `AppVersion` hashes the public wire surface,
 * and an SSE subscriber passes the contract's auth middleware, then `allow`.
 */
import * as Headers from "@effect/platform/Headers"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { EdgeError } from "effect-contracts/EdgeError"
import { App } from "../../generator/emit/app/App.js"
import type { Ir } from "../../generator/ir/Ir.js"
import { Pipeline } from "../../generator/Pipeline.js"
import { Golden } from "./Golden.js"
import { FeedsChannelRpcs, FeedsChannels } from "./channels/generated/feeds/Channels.js"
import { DeskAuth } from "./channels/generated/desk/Auth.js"
import { DeskChannelRpcs, DeskChannelsExposed } from "./channels/generated/desk/Channels.js"
import { AppChannels, AppRpcs, AppVersion } from "./channels/generated/Layer.js"

const scenarios = await Effect.runPromise(Golden.scenarios.pipe(Effect.provide(NodeContext.layer)))
const channels = scenarios.find((s) => s.name === "channels")!

/** `DeskAuth` as a verifier of `authorization: Bearer <tenant>` would provide it: the token names the tenant. */
const _auth = Effect.provideService(DeskAuth, ({ headers }) =>
  Headers.get(headers, "authorization")._tag === "Some"
    ? Effect.succeed({ tenantId: String(headers["authorization"]).slice("Bearer ".length) as never, userId: "u1" })
    : Effect.fail(new EdgeError.Unauthorized({ message: "no token" })))

const _open = (key: string, token: string | undefined) => {
  const exposed = DeskChannelsExposed[0]
  const headers = Headers.fromInput(token === undefined ? {} : { authorization: `Bearer ${token}` })
  return exposed.open(key, undefined, headers).pipe(_auth, Effect.exit)
}

describe("golden/channels", () => {
  it("each channel is one streaming RPC tagged <contract>.<Channel>; only those that need a principal carry the middleware", () => {
    expect([...DeskChannelRpcs.requests.keys()]).toEqual(["desk.TicketUpdates", "desk.Notices"])
    const rpc = (tag: string) => DeskChannelRpcs.requests.get(tag as "desk.Notices")!
    expect([...rpc("desk.TicketUpdates").middlewares]).toEqual([DeskAuth])
    expect([...rpc("desk.Notices").middlewares]).toEqual([])
    expect(Object.keys(FeedsChannels)).toEqual(Array.from({ length: 12 }, (_, i) => `Feed${i}`))
    expect([...FeedsChannelRpcs.requests.keys()]).toEqual(Array.from({ length: 12 }, (_, i) => `feeds.Feed${i}`))
    expect(FeedsChannels.Feed3.id).toBe("feeds.Feed3")
  })

  it("AppRpcs keys each contract's RPCs by its name and its channels by <name>Channels; AppChannels lists every endpoint", () => {
    expect(Object.keys(AppRpcs)).toEqual(["boardChannels", "desk", "deskChannels", "feedsChannels"])
    expect(AppChannels.map((c) => c.id)).toEqual([
      "board.Scores",
      "desk.TicketUpdates",
      "desk.Notices",
      ...Array.from({ length: 12 }, (_, i) => `feeds.Feed${i}`)
    ])
  })

  it.effect("an SSE subscriber needs a principal that `allow` lets through: Unauthorized, Forbidden, then the stream", () =>
    Effect.gen(function*() {
      const none = yield* _open("t_acme", undefined)
      const other = yield* _open("t_acme", "t_other")
      const own = yield* _open("t_acme", "t_acme")
      const bad = yield* _open("not a tenant", "t_acme")
      expect(Exit.isFailure(none) && JSON.stringify(none.cause)).toContain("Unauthorized")
      expect(Exit.isFailure(other) && JSON.stringify(other.cause)).toContain("Forbidden")
      expect(Exit.isSuccess(own)).toBe(true)
      expect(Exit.isFailure(bad) && JSON.stringify(bad.cause)).toContain("RequestInvalid")
    }))

  it.effect("AppVersion hashes the public wire surface: declaration order aside, every wire change changes it", () =>
    Effect.gen(function*() {
      const ir = yield* Pipeline.ir(channels.paths, new Map())
      expect(AppVersion).toMatch(/^[0-9a-f]{16}$/)
      expect(App.version(ir)).toBe(AppVersion)
      const reordered: Ir = { contracts: [...ir.contracts].reverse().map((c) => ({ ...c, channels: [...c.channels].reverse() })) }
      expect(App.version(reordered)).toBe(AppVersion)
      const desk = ir.contracts.find((c) => c.name === "desk")!
      const changed: Ir = {
        contracts: ir.contracts.map((c) => c === desk ? { ...c, channels: c.channels.map((ch) => ({ ...ch, payload: desk.rpcs[0]!.payload })) } : c)
      }
      expect(App.version(changed)).not.toBe(AppVersion)
    }).pipe(Effect.provide(NodeContext.layer)))
})
