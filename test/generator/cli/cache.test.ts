/**
 * The `codegen` bin caches its bundled generator in node_modules/.cache: two checkouts sharing one
 * node_modules (a symlink) must each run their own generator, never the other's.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Scratch } from "../../support/Scratch.js"

describe("codegen's compile cache", () => {
  it.live("a second checkout sharing node_modules runs its own generator, and the first still runs its own", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const other = yield* Scratch.make("checkout-")
      yield* Effect.forEach(["generator", "runtime"], (d) => Scratch.copy(`${Scratch.root}/${d}`, `${other.dir}/${d}`), { discard: true })
      yield* fs.copyFile(`${Scratch.root}/package.json`, `${other.dir}/package.json`)
      yield* fs.symlink(`${Scratch.root}/node_modules`, `${other.dir}/node_modules`)
      const commands = `${other.dir}/generator/cli/Commands.ts`
      yield* fs.writeFileString(commands, (yield* fs.readFileString(commands)).replace("typed cluster code, clients", "THE OTHER CHECKOUT's code, clients"))

      const mine = yield* Scratch.exec(process.execPath, [`${Scratch.root}/generator/cli/bin.mjs`, "--help"])
      const theirs = yield* Scratch.exec(process.execPath, [`${other.dir}/generator/cli/bin.mjs`, "--help"])
      const mineAgain = yield* Scratch.exec(process.execPath, [`${Scratch.root}/generator/cli/bin.mjs`, "--help"])
      expect(theirs.stdout).toContain("THE OTHER CHECKOUT's code")
      expect(mine.stdout).not.toContain("THE OTHER CHECKOUT")
      expect(mineAgain.stdout).not.toContain("THE OTHER CHECKOUT")
    }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)), 120_000)
})
