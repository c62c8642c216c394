/**
 * Docs cannot drift from the code: each ```ts block of the README, ARCHITECTURE.md and docs/ is a region of
 * a compiled file, each ```json block parses, each ```sh block names real scripts and commands.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Samples } from "./Samples.js"

describe("docs samples", () => {
  it.effect("every code block of every page is compiled, parsed or checked, and matches its source", () =>
    Effect.gen(function*() {
      expect((yield* Samples.pages).length).toBeGreaterThan(5)
      expect(yield* Samples.check).toStrictEqual([])
    }).pipe(Effect.provide(NodeContext.layer)))

  it.effect("a page walked by a test is named in that test", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      yield* Effect.forEach(Object.entries(Samples.walked), ([page, test]) =>
        Effect.map(fs.readFileString(`${Samples.root}/${test}`), (text) => expect(text).toContain(page)))
    }).pipe(Effect.provide(NodeContext.layer)))

  it("a region is the text between its markers, dedented", () => {
    const source = ["x", "  // #region a", "  const a = 1", "    .pipe()", "  // #endregion", "y"].join("\n")
    expect(Samples.region(source, "a")).toBe("const a = 1\n  .pipe()\n")
    expect(Samples.region(source, "b")).toBeUndefined()
  })
})
