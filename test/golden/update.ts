/**
 * Regenerates the expected output of every golden scenario: deletes its `generated/` and `handlers/`
 * folders (so stubs are created afresh), then runs the pipeline. Run with `npm run golden:update`.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Pipeline } from "../../generator/Pipeline.js"
import { Golden } from "./Golden.js"

const _update = (scenario: Golden.Scenario) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    yield* fs.remove(scenario.paths.generated, { recursive: true, force: true })
    yield* fs.remove(scenario.paths.handlers, { recursive: true, force: true })
    const result = yield* Pipeline.run(scenario.paths, { check: false })
    yield* Console.log(`golden/${scenario.name}: ${result.contracts} contract(s) -> ${result.files} file(s)`)
  })

const _main = Effect.gen(function*() {
  const scenarios = yield* Golden.scenarios
  yield* scenarios.length === 0 ? Effect.dieMessage("no golden scenarios found under test/golden") : Effect.void
  // Every scenario must build before any expected output is deleted: a bad contract changes nothing.
  yield* Effect.forEach(scenarios, (s) => Pipeline.emit(s.paths), { discard: true })
  yield* Effect.forEach(scenarios, _update, { discard: true })
})

NodeRuntime.runMain(_main.pipe(Effect.provide(NodeContext.layer)))
