/**
 * The `codegen` process loads contracts bundled by esbuild (Load.Loader "bundle"), not through a TypeScript
 * loader: the same files come out, and a contract that fails to load is still named at its own line.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Load } from "../../../generator/load/Load.js"
import { Pipeline } from "../../../generator/Pipeline.js"
import { rejects } from "../../support/Rejects.js"
import { Scratch } from "../../support/Scratch.js"

const bundled = <A, E, R>(self: Effect.Effect<A, E, R>) => self.pipe(Effect.provideService(Load.Loader, "bundle"))

const ping = (name: string, imports: ReadonlyArray<string>, top: ReadonlyArray<string>) =>
  [
    `import { Contract } from "effect-contracts"`,
    `import * as Schema from "effect/Schema"`,
    ...imports,
    ``,
    ...top,
    ``,
    `export default Contract.make(${JSON.stringify(name)}, { rpcs: { Ping${name}: Contract.rpc({ payload: Schema.String }) } })`,
    ``
  ].join("\n")

describe("bundled contracts", () => {
  it.effect("emit the same files as imported contracts", () =>
    Effect.gen(function*() {
      const paths = {
        cwd: Scratch.root,
        contracts: `${Scratch.root}/contracts`,
        generated: `${Scratch.root}/examples/generated`,
        handlers: `${Scratch.root}/examples/handlers`
      }
      const imported = yield* Pipeline.emit(paths)
      const viaBundle = yield* bundled(Pipeline.emit(paths))
      expect(viaBundle.files.length).toBeGreaterThan(20)
      expect(viaBundle.files).toStrictEqual(imported.files)
    }).pipe(Effect.provide(NodeContext.layer)))

  it.effect("a contract that throws at import time is reported at the throwing line", () =>
    bundled(rejects({
      "throws.contract.ts": ping("throws", [], [`const _settings = JSON.parse("{ not json")`])
    }, [{ file: "throws.contract.ts", at: "JSON.parse", message: /failed to load: .*JSON/, hint: /top level/ }])))

  it.effect("an import that does not resolve is reported at the import, and the other contracts still load", () =>
    bundled(rejects({
      "missing.contract.ts": ping("missing", [`import { Nope } from "./nope.js"`], [`export const nope = Nope`]),
      "throws.contract.ts": ping("throws", [], [`const _settings = JSON.parse("{ not json")`]),
      "fine.contract.ts": ping("fine", [], [])
    }, [
      { file: "missing.contract.ts", at: "./nope.js", message: /failed to load: Could not resolve "\.\/nope\.js"/, hint: /check the import path/ },
      { file: "throws.contract.ts", at: "JSON.parse", message: /failed to load: .*JSON/, hint: /top level/ }
    ])))

  it.effect("a shared module that throws fails every contract importing it", () =>
    // The first contract to run it points at its import; the others get the error it threw then.
    bundled(rejects({
      "a.contract.ts": ping("a", [`import { shared } from "./shared.js"`], [`export const a = shared`]),
      "b.contract.ts": ping("b", [`import { shared } from "./shared.js"`], [`export const b = shared`])
    }, [
      { file: "a.contract.ts", at: "./shared.js", message: /failed to load: boom/, hint: /top level/ },
      { file: "b.contract.ts", at: 1, message: /failed to load: boom/, hint: /top level/ }
    ], { others: { "contracts/shared.ts": `export const shared = 1\nthrow new Error("boom")\n` } })))
})
