/**
 * Channel declarations codegen refuses (at their line, with a hint, writing nothing), whatever the contract's
 * types let through (a JavaScript contract, a cast); the auth mode each channel ends up with; and the public
 * tags and RPC groups that must be unique across the contracts of an app.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Pipeline } from "../../../generator/Pipeline.js"
import { rejects } from "../../support/Rejects.js"
import { Scratch } from "../../support/Scratch.js"

const { contract } = Scratch
const _principal = `Schema.Struct({ tenantId: Schema.String })`
const _allow = `allow: (key: string, p: { readonly tenantId: string }) => p.tenantId === key`

describe("channel declarations", () => {
  it.effect("a key that is not a string on the wire, a bad name and a payload that is not a Schema are reported at their line", () =>
    rejects({
      "live.contract.ts": contract("live", [
        `  channels: {`,
        `    Counts: Contract.channel({ key: Schema.Number, payload: Schema.String } as never),`,
        `    Rooms: Contract.channel({ key: Schema.Literal("a", "b"), payload: Schema.String } as never),`,
        `    Fields: Contract.channel({ key: { id: Schema.String }, payload: Schema.String } as never),`,
        `    scores: Contract.channel({ key: Schema.String, payload: Schema.String }),`,
        `    Bad: Contract.channel({ key: Schema.String, payload: 42 } as never)`,
        `  }`
      ])
    }, [
      { file: "live.contract.ts", at: "Counts:", message: /channel Counts: its key's wire form is `number`, not `string`/, hint: /Schema\.NumberFromString/ },
      { file: "live.contract.ts", at: "Rooms:", message: /channel Rooms: its key's wire form is `"a" \| "b"`, not `string`/, hint: /Schema\.compose\(Schema\.String, Schema\.Literal/ },
      { file: "live.contract.ts", at: "Fields:", message: /channel Fields: its key is not an Effect Schema/, hint: /encoded as a string/ },
      { file: "live.contract.ts", at: "scores:", message: /channel name "scores" is not PascalCase/, hint: /OrderUpdates/ },
      { file: "live.contract.ts", at: "Bad:", message: /Bad\.payload is not an Effect Schema/, hint: /fields object/ }
    ]))

  it.effect("without an auth section a channel may declare neither a mode nor `allow`", () =>
    rejects({
      "open.contract.ts": contract("open", [
        `  channels: {`,
        `    Moded: Contract.channel({ key: Schema.String, payload: Schema.String, auth: "none" } as never),`,
        `    Gated: Contract.channel({ key: Schema.String, payload: Schema.String, allow: () => true } as never)`,
        `  }`
      ])
    }, [
      { file: "open.contract.ts", at: "Moded:", message: /channel Moded declares auth "none" but the contract has no `auth` section/, hint: /principal/ },
      { file: "open.contract.ts", at: "Gated:", message: /channel Gated declares `allow` but the contract has no `auth` section/, hint: /drop `allow`/ }
    ]))

  it.effect("with one, a channel that needs a principal has an `allow` function, and an open one has none", () =>
    rejects({
      "desk.contract.ts": contract("desk", [
        `  auth: { principal: ${_principal} },`,
        `  channels: {`,
        `    Missing: Contract.channel({ key: Schema.String, payload: Schema.String } as never),`,
        `    NotFn: Contract.channel({ key: Schema.String, payload: Schema.String, allow: true } as never),`,
        `    Idle: Contract.channel({ key: Schema.String, payload: Schema.String, auth: "none", ${_allow} } as never),`,
        `    Odd: Contract.channel({ key: Schema.String, payload: Schema.String, auth: "maybe", ${_allow} } as never)`,
        `  }`
      ])
    }, [
      { file: "desk.contract.ts", at: "Missing:", message: /channel Missing needs a verified principal but has no `allow`/, hint: /allow: \(key, principal\)/ },
      { file: "desk.contract.ts", at: "NotFn:", message: /channel NotFn: allow is not a function/, hint: /allow: \(key, principal\)/ },
      { file: "desk.contract.ts", at: "NotFn:", message: /channel NotFn needs a verified principal but has no `allow`/, hint: /allow/ },
      { file: "desk.contract.ts", at: "Idle:", message: /channel Idle is open to anyone \(auth "none"\), so its `allow` would never run/, hint: /drop `allow`/ },
      { file: "desk.contract.ts", at: "Odd:", message: /channel Odd has auth "maybe"/, hint: /"required"` or `"none"/ }
    ]))

  it.effect("a channel name declared twice in a contract is reported at the second", () =>
    rejects({
      "twice.contract.ts": contract("twice", [
        `  channels: {`,
        `    Ticks: Contract.channel({ key: Schema.String, payload: Schema.String }),`,
        `    Ticks: Contract.channel({ key: Schema.String, payload: Schema.Number })`,
        `  }`
      ])
    }, [{ file: "twice.contract.ts", at: "Ticks:", nth: 2, message: /duplicate name "Ticks"/, hint: /own name/ }]))

  it.effect("a channel's mode follows its own, else the section's default, else required; a key may be every kind of string", () =>
    Effect.gen(function*() {
      const s = yield* Scratch.make("channels-", {
        "contracts/desk.contract.ts": contract("desk", [
          `  auth: { principal: ${_principal} },`,
          `  channels: {`,
          `    Own: Contract.channel({ key: Schema.String, payload: Schema.String, ${_allow} }),`,
          `    Open: Contract.channel({ key: Schema.NumberFromString, payload: { n: Schema.Number }, auth: "none" })`,
          `  }`
        ]),
        "contracts/shop.contract.ts": contract("shop", [
          `  auth: { principal: ${_principal}, default: "none" },`,
          `  channels: {`,
          `    Prices: Contract.channel({ key: Schema.String.pipe(Schema.brand("Sku")), payload: Schema.Number }),`,
          `    Carts: Contract.channel({ key: Schema.String, payload: Schema.String, auth: "required", ${_allow} })`,
          `  }`
        ]),
        "contracts/live.contract.ts": contract("live", [
          `  channels: { Rooms: Contract.channel({ key: Schema.compose(Schema.String, Schema.Literal("a"), { strict: false }), payload: Schema.String }) }`
        ])
      })
      const ir = yield* Pipeline.ir(s.paths, new Map())
      const modes = ir.contracts.flatMap((c) => c.channels.map((ch) => `${c.name}.${ch.name}:${ch.auth}:${ch.allow}`))
      expect(modes.sort()).toStrictEqual([
        "desk.Open:none:false",
        "desk.Own:required:true",
        "live.Rooms:none:false",
        "shop.Carts:required:true",
        "shop.Prices:none:false"
      ])
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))
})

describe("public tags across contracts", () => {
  it.effect("a public RPC declared by two contracts is reported naming both (one WebSocket serves every group)", () =>
    rejects({
      "a.contract.ts": contract("alpha", [`  rpcs: { Ping: Contract.rpc({ success: Schema.String }) }`]),
      "b.contract.ts": contract("beta", [`  rpcs: { Ping: Contract.rpc({ success: Schema.Number }) }`])
    }, [{
      file: "b.contract.ts",
      at: "Ping:",
      message: /public RPC tag "Ping" of contract "beta" is not unique across the app \(also declared in contract "alpha", .*a\.contract\.ts\)/,
      hint: /one WebSocket endpoint/
    }]))

  it.effect("a contract whose RPC group key is another contract's channel group is reported", () =>
    rejects({
      "a.contract.ts": contract("orders", [`  channels: { Updates: Contract.channel({ key: Schema.String, payload: Schema.String }) }`]),
      "b.contract.ts": contract("ordersChannels", [`  rpcs: { Ping: Contract.rpc({ success: Schema.String }) }`])
    }, [{
      file: "b.contract.ts",
      at: "export default",
      message: /the app's RPC group "ordersChannels" of contract "ordersChannels" clashes .*\(also declared in contract "orders"/,
      hint: /<name>Channels/
    }]))

  it.effect("an auth section used only by channels is fine", () =>
    Effect.gen(function*() {
      const s = yield* Scratch.make("channels-", {
        "contracts/desk.contract.ts": contract("desk", [
          `  auth: { principal: ${_principal} },`,
          `  channels: { Own: Contract.channel({ key: Schema.String, payload: Schema.String, ${_allow} }) }`
        ])
      })
      const ir = yield* Pipeline.ir(s.paths, new Map())
      expect(ir.contracts.map((c) => c.auth !== undefined)).toStrictEqual([true])
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))
})
