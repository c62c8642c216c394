/**
 * Golden scenario `auth`: the public RPCs that need a principal, and only those, carry the contract's auth
 * middleware, which the contract's layer wires to its verifier; entity messages never carry it. The generated
 * code served over HTTP: test/runtime/edge/auth.test.ts.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Pipeline } from "../../generator/Pipeline.js"
import { Golden } from "./Golden.js"

const _statement = (content: string, name: string): string =>
  new RegExp(`^const _${name} = Rpc\\.make\\([^]*?^\\}\\)[^\\n]*$`, "m").exec(content)?.[0] ?? ""

describe("golden/auth", () => {
  it.effect("RPCs that need a principal carry the auth middleware; the layer wires the verifier", () =>
    Effect.gen(function*() {
      const scenario = (yield* Golden.scenarios).find((s) => s.name === "auth")!
      const { files, ir } = yield* Pipeline.emit(scenario.paths)
      const at = (rel: string) => files.find((f) => f.path === `${scenario.paths.generated}/${rel}`)?.content ?? ""
      ir.contracts.forEach((c) => {
        c.rpcs.forEach((r) =>
          expect(_statement(at(`${c.name}/Rpcs.ts`), r.name).endsWith(`}).middleware(${c.pascal}Auth)`), `${c.name}.${r.name}`).toBe(r.auth)
        )
        expect(at(`${c.name}/Layer.ts`)).toContain(`Auth.layer(${c.pascal}Auth, ${c.pascal}Verifier)`)
        expect(at(`${c.name}/Client.ts`)).toContain(`Auth.client(${c.pascal}Auth, token)`)
        c.entities.forEach((e) => expect(at(`${c.name}/entities/${e.name}.ts`), e.name).not.toContain("middleware"))
      })
      expect(ir.contracts.map((c) => `${c.name}:${c.rpcs.filter((r) => r.auth).length}`)).toStrictEqual(["catalog:1", "notes:3"])
    }).pipe(Effect.provide(NodeContext.layer)))
})
