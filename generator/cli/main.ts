/**
 * The `codegen` process: runs the CLI on Node and exits with the code it returns. An unexpected
 * failure (an unreadable folder, a full disk) is printed and exits 2. Plain Node runs it (bin.mjs loads
 * it bundled), so contracts are bundled before they are loaded.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { Cli } from "./Cli.js"
import { Load } from "../load/Load.js"

const program = Cli.run(process.argv).pipe(
  Effect.catchAllCause((cause) =>
    Cause.isInterruptedOnly(cause)
      ? Effect.succeed(130)
      : Console.error(`codegen: ${Cause.pretty(cause)}`).pipe(Effect.as(2))
  ),
  Effect.provide(NodeContext.layer),
  Effect.provideService(Load.Loader, "bundle")
)

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(Exit.isSuccess(exit) && typeof exit.value === "number" ? exit.value : 2)
})
