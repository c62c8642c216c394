/**
 * Golden scenarios: every folder of test/golden with a `contracts/` folder, its pipeline paths and its
 * committed expected files. Shared by `update.ts` and `golden.test.ts`; reads the disk, never writes.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import type { Config } from "../../generator/Config.js"

/** The folder holding the scenarios (this file's folder) and the repository root. */
const _roots = Effect.gen(function*() {
  const path = yield* Path.Path
  const golden = path.dirname(yield* path.fromFileUrl(new URL(import.meta.url)))
  return { golden, cwd: path.resolve(golden, "..", "..") }
})

const _isDirectory = (fs: FileSystem.FileSystem, p: string) =>
  fs.stat(p).pipe(Effect.map((s) => s.type === "Directory"), Effect.orElseSucceed(() => false))

/** Every scenario, sorted by name: a sub-folder of test/golden that holds a `contracts/` folder. */
const scenarios = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const { cwd, golden } = yield* _roots
  const names = (yield* fs.readDirectory(golden)).sort()
  const found = yield* Effect.filter(names, (name) => _isDirectory(fs, path.join(golden, name, "contracts")))
  return found.map((name): Golden.Scenario => {
    const dir = path.join(golden, name)
    return {
      name,
      dir,
      paths: { cwd, contracts: path.join(dir, "contracts"), generated: path.join(dir, "generated"), handlers: path.join(dir, "handlers") }
    }
  })
})

/** Every file committed under a scenario's `generated/` and `handlers/` folders (absolute, sorted). */
const committed = (scenario: Golden.Scenario) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const list = (root: string) =>
      _isDirectory(fs, root).pipe(
        Effect.flatMap((exists) => exists ? fs.readDirectory(root, { recursive: true }) : Effect.succeed([])),
        Effect.map((names) => names.map((n) => path.join(root, n))),
        Effect.flatMap(Effect.filter((p) => fs.stat(p).pipe(Effect.map((s) => s.type !== "Directory"))))
      )
    return [...(yield* list(scenario.paths.generated)), ...(yield* list(scenario.paths.handlers))].sort()
  })

/** A committed file's exact bytes, or `undefined` when it does not exist. */
const read = (file: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    return (yield* fs.exists(file)) ? yield* fs.readFile(file) : undefined
  })

export const Golden = { scenarios, committed, read } as const

export declare namespace Golden {
  interface Scenario {
    /** The folder name, e.g. `kinds`. */
    readonly name: string
    /** Absolute path of the scenario folder. */
    readonly dir: string
    /** What `Pipeline.emit` / `Pipeline.run` take for this scenario. */
    readonly paths: Config.Resolved
  }
}
