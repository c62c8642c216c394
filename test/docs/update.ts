/**
 * Rewrites every marked code block of the README, ARCHITECTURE.md and docs/ from its sample region
 * (`<!-- sample: file#region -->`). Run with `npm run docs:samples` after editing a sample.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Samples } from "./Samples.js"

const _main = Effect.gen(function*() {
  const changed = yield* Samples.update
  yield* Console.log(changed.length === 0 ? "docs: every sample is up to date" : `docs: updated ${changed.join(", ")}`)
  const problems = yield* Samples.check
  yield* Effect.forEach(problems, (p) => Console.error(p), { discard: true })
  yield* problems.length === 0 ? Effect.void : Effect.sync(() => process.exit(1))
})

NodeRuntime.runMain(_main.pipe(Effect.provide(NodeContext.layer)))
