/**
 * The package's public surface is exactly its `exports` map: every subpath resolves (by the package's
 * self-reference, as a user imports it) to a module exporting the const it is named after.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { readFileSync } from "node:fs"

const _exports: Record<string, unknown> = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).exports
const _subpaths = Object.keys(_exports).filter((key) => key !== "./package.json")

describe("package exports", () => {
  it("lists the runtime's public modules, each under its own name", () => {
    expect(_subpaths).toContain(".")
    expect(_subpaths).toContain("./Events")
    expect(Object.keys(_exports).some((key) => key.includes("*")), "no wildcard: internals stay closed").toBe(false)
  })

  it.effect.each(_subpaths)("%s resolves and exports its namesake", (key) =>
    Effect.gen(function*() {
      const specifier = key === "." ? "effect-contracts" : `effect-contracts/${key.slice(2)}`
      const name = key === "." ? "Contract" : key.slice(2)
      const module: Record<string, unknown> = yield* Effect.promise(() => import(specifier))
      expect(typeof module[name], `${specifier} exports ${name}`).toMatch(/^(object|function)$/)
    }))
})
