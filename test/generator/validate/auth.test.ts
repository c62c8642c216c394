/**
 * Authentication declarations codegen refuses (at their line, with a hint, writing nothing), whatever the
 * contract's types let through (a JavaScript contract, a cast); and which public RPCs end up needing a principal.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Pipeline } from "../../../generator/Pipeline.js"
import { rejects } from "../../support/Rejects.js"
import { Scratch } from "../../support/Scratch.js"

const { contract } = Scratch
const _principal = `Schema.Struct({ userId: Schema.String })`

describe("auth declarations", () => {
  it.effect("an RPC auth mode without an auth section, or on an entity message, or not a mode, is reported at its line", () =>
    rejects({
      "modes.contract.ts": contract("modes", [
        `  rpcs: {`,
        `    Ping: Contract.rpc({ success: Schema.String, auth: "none" } as never),`,
        `    Pong: Contract.rpc({ success: Schema.String, auth: "maybe" } as never)`,
        `  },`,
        `  entities: { Box: Contract.entity({ rpcs: { Read: Contract.rpc({ auth: "required" } as never) } as never }) }`
      ])
    }, [
      { file: "modes.contract.ts", at: "Ping:", message: /RPC Ping declares auth "none" but the contract has no `auth` section/, hint: /principal/ },
      { file: "modes.contract.ts", at: "Pong:", message: /RPC Pong has auth "maybe"/, hint: /"required"` or `"none"/ },
      { file: "modes.contract.ts", at: "Pong:", message: /RPC Pong declares auth "maybe" but the contract has no `auth` section/, hint: /principal/ },
      { file: "modes.contract.ts", at: "Read:", message: /entity message Read declares auth/, hint: /drop `auth`/ }
    ]))

  it.effect("a principal that is not a Schema, a bad default and an auth section without public RPCs are reported", () =>
    rejects({
      "bad.contract.ts": contract("bad", [
        `  auth: {`,
        `    principal: { userId: Schema.String } as never,`,
        `    default: "anonymous" as never`,
        `  },`,
        `  rpcs: { Ping: Contract.rpc({ success: Schema.String }) }`
      ]),
      "empty.contract.ts": contract("empty", [`  auth: { principal: ${_principal} }`])
    }, [
      { file: "bad.contract.ts", at: "principal:", message: /auth\.principal is not an Effect Schema/, hint: /Schema\.Struct/ },
      { file: "bad.contract.ts", at: "default:", message: /auth\.default is "anonymous"/, hint: /"required"/ },
      { file: "empty.contract.ts", at: "auth:", message: /`auth` is declared but the contract has no public RPCs/, hint: /drop `auth`/ }
    ]))

  it.effect("public RPCs need a principal by the section's default unless they say otherwise; entity messages never do", () =>
    Effect.gen(function*() {
      const s = yield* Scratch.make("auth-", {
        "contracts/vault.contract.ts": contract("vault", [
          `  auth: { principal: ${_principal} },`,
          `  rpcs: { Get: Contract.rpc({ success: Schema.String }), Ping: Contract.rpc({ success: Schema.String, auth: "none" }) },`,
          `  entities: { Box: Contract.entity({ rpcs: { Read: Contract.rpc({ success: Schema.String }) } }) }`
        ]),
        "contracts/shop.contract.ts": contract("shop", [
          `  auth: { principal: ${_principal}, default: "none" },`,
          `  rpcs: { Browse: Contract.rpc({ success: Schema.String }), Buy: Contract.rpc({ auth: "required" }) }`
        ])
      })
      const ir = yield* Pipeline.ir(s.paths, new Map())
      const needs = ir.contracts.flatMap((c) => [...c.rpcs, ...c.entities.flatMap((e) => e.rpcs)].map((r) => `${c.name}.${r.name}:${r.auth}`))
      expect(needs.sort()).toStrictEqual(["shop.Browse:false", "shop.Buy:true", "vault.Get:true", "vault.Ping:false", "vault.Read:false"])
      expect(ir.contracts.every((c) => c.auth?.principal.type._tag === "Struct")).toBe(true)
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)))
})
