/**
 * Why a contract failed to evaluate, from the TypeScript type checker: a typo such as `Schema.Strin` only
 * shows at run time as a confusing error in Effect's code, while the checker names the line. Runs only on
 * that failure path (a program costs seconds), with the project's tsconfig; never on a successful run.
 */
import * as Effect from "effect/Effect"
import { createRequire } from "node:module"
import * as path from "node:path"
import type * as TsMorph from "ts-morph"
import { ContractError } from "../ContractError.js"
import { Load } from "./Load.js"

/** ts-morph, loaded on the failure path only (Discover has it loaded already in the codegen process). */
const _morph = (): typeof TsMorph => createRequire(import.meta.url)("ts-morph") as typeof TsMorph

/** How many of the checker's diagnostics an error shows. */
const _shown = 3

/** Diagnostics that never make a module fail to evaluate: unused declarations, imports and parameters. */
const _harmless = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205])

/**
 * The checker's errors in `file` and the files beside it (a contract's local imports), with the compiler
 * options of the nearest tsconfig.json (strict NodeNext defaults without one).
 */
const diagnostics = (file: string): ReadonlyArray<{ readonly file: string; readonly line: number; readonly text: string }> => {
  const morph = _morph()
  const t = morph.ts
  const config = t.findConfigFile(path.dirname(file), t.sys.fileExists)
  const project = new morph.Project({
    ...(config === undefined
      ? { compilerOptions: { strict: true, target: t.ScriptTarget.ES2022, module: t.ModuleKind.NodeNext, moduleResolution: t.ModuleResolutionKind.NodeNext } }
      : { tsConfigFilePath: config, skipAddingFilesFromTsConfig: true }),
    skipFileDependencyResolution: false
  })
  project.addSourceFileAtPath(file)
  const dir = `${path.dirname(file)}${path.sep}`
  return project.getPreEmitDiagnostics().flatMap((d) => {
    const source = d.getSourceFile()?.getFilePath() ?? ""
    const line = d.getLineNumber() ?? 1
    const message = t.flattenDiagnosticMessageText(d.compilerObject.messageText, " ")
    const text = `TS${d.getCode()} ${message.replace(/typeof import\("[^"]*\/(\w+)"\)/g, "typeof $1")}`
    return source.startsWith(dir) && !source.includes("/node_modules/") && d.getCategory() === t.DiagnosticCategory.Error &&
        !_harmless.has(d.getCode())
      ? [{ file: source, line, text }]
      : []
  }).sort((a, b) => (a.file === file ? 0 : 1) - (b.file === file ? 0 : 1) || a.line - b.line)
}

/**
 * A load error explained: when the contract has type errors, the error points at the first one and lists
 * the first few; otherwise it is returned unchanged.
 */
const explain = (error: ContractError): Effect.Effect<ContractError> =>
  error.hint === Load.evaluationHint
    ? Effect.sync(() => {
      const found = diagnostics(error.file)
      const first = found.find((d) => d.file === error.file) ?? found[0]
      const at = (d: (typeof found)[number]) => `${path.relative(path.dirname(error.file), d.file) || path.basename(d.file)}:${d.line}`
      return first === undefined ? error : new ContractError({
        file: error.file,
        line: first.file === error.file ? first.line : error.line,
        message: `${error.message}; it has type errors, likely the cause: ${first.text}`,
        hint: [
          `fix what the type checker reports (npx tsc --noEmit):`,
          ...found.slice(0, _shown).map((d) => `    ${at(d)}: ${d.text}`),
          ...(found.length > _shown ? [`    … and ${found.length - _shown} more`] : [])
        ].join("\n")
      })
    })
    : Effect.succeed(error)

export const TypeCheck = { explain, diagnostics } as const
