/**
 * Load: import a contract module and hand its default export to validation. Imports contract files;
 * reports a module that throws at import time as a `file:line` error instead of a stack trace.
 */
import * as Effect from "effect/Effect"
import { pathToFileURL } from "node:url"
import { ContractError } from "./ContractError.js"

const _lineFromStack = (file: string, stack: string): number => {
  const at = stack.split("\n").find((l) => l.includes(file))
  const match = at === undefined ? null : /:(\d+):\d+\)?$/.exec(at)
  return match === null ? 1 : Number(match[1])
}

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
        hint: "a contract module runs when imported; make its top level only declare schemas"
      })
    }
  }).pipe(Effect.map((m) => m.default))

export const Load = { module } as const
