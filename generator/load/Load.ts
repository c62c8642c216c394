/**
 * Load: import contract modules and hand their default exports to validation. Reports a module that
 * throws at import time as a `file:line` error instead of a stack trace. Imports contracts; emits nothing.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import { pathToFileURL } from "node:url"
import { ContractError } from "../ContractError.js"

/** The hint of an error thrown while a contract module evaluates (what `TypeCheck` explains). */
const _evaluationHint = "a contract module runs when imported; make its top level only declare schemas"

const _lineFromStack = (file: string, stack: string): number => {
  const at = stack.split("\n").find((l) => l.includes(file))
  const match = at === undefined ? null : /:(\d+):\d+\)?$/.exec(at)
  return match === null ? 1 : Number(match[1])
}

/**
 * How contracts are loaded. `import`: the host runtime imports TypeScript itself (vitest, tsx). `bundle`:
 * esbuild builds them first (Bundle.ts), so plain Node runs them; the `codegen` process uses it.
 */
class _Loader extends Context.Reference<_Loader>()("effect-contracts/Load/Loader", {
  defaultValue: (): "import" | "bundle" => "import"
}) {}

/** Import a module and return its default export (undefined when it has none). */
const module = (file: string): Effect.Effect<unknown, ContractError> =>
  Effect.tryPromise({
    try: () => import(pathToFileURL(file).href) as Promise<{ readonly default?: unknown }>,
    catch: (cause) => {
      const e = cause instanceof Error ? cause : new Error(String(cause))
      return new ContractError({
        file,
        line: _lineFromStack(file, e.stack ?? ""),
        message: `the contract failed to load: ${e.message.split("\n")[0]}`,
        hint: _evaluationHint
      })
    }
  }).pipe(Effect.map((m) => m.default))

/** Every contract of a run, in order: its default export or the error that stopped it loading. */
const modules = (files: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<Either.Either<unknown, ContractError>>> =>
  Effect.flatMap(_Loader, (loader) =>
    loader === "bundle"
      ? Effect.promise(() => import("./Bundle.js")).pipe(Effect.flatMap(({ Bundle }) => Bundle.load(files)))
      : Effect.forEach(files, (f) => Effect.either(module(f)), { concurrency: "unbounded" }))

export const Load = { module, modules, Loader: _Loader, evaluationHint: _evaluationHint } as const
