/**
 * Discover: parse each contract with the TypeScript parser that ts-morph ships (syntax only, never the
 * type checker) to find its default export and the line and doc comment of every declaration. Reads
 * source text; imports nothing. Uses the raw compiler nodes: wrapping them costs ~7x the parse.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { createRequire } from "node:module"
import type { ts } from "ts-morph"
import { ContractError } from "../ContractError.js"

/** Required, not imported: Node's ESM wrapper would first scan the 9 MB CommonJS bundle for exports. */
const _ts = (createRequire(import.meta.url)("ts-morph") as { readonly ts: typeof ts }).ts

type _File = { readonly sf: ts.SourceFile; readonly locals: ReadonlyMap<string, ts.VariableDeclaration> }
type _JsDoc = { readonly comment?: string | ReadonlyArray<{ readonly text: string }> }
interface _ParseDiagnostic {
  readonly start?: number
  readonly messageText: string | { readonly messageText: string }
}

const _parseDiagnostics = (sf: ts.SourceFile): ReadonlyArray<_ParseDiagnostic> =>
  (sf as unknown as { readonly parseDiagnostics?: ReadonlyArray<_ParseDiagnostic> }).parseDiagnostics ?? []

const _line = (f: _File, node: ts.Node): number => f.sf.getLineAndCharacterOfPosition(node.getStart(f.sf)).line + 1

const _unwrap = (node: ts.Node | undefined): ts.Node | undefined =>
  node !== undefined && (_ts.isAsExpression(node) || _ts.isSatisfiesExpression(node) || _ts.isParenthesizedExpression(node))
    ? _unwrap(node.expression)
    : node

/** The object literal a node evaluates to: itself, a call's object argument, or a local const's. */
const _objectOf = (f: _File, node: ts.Node | undefined, argIndex: number): ts.ObjectLiteralExpression | undefined => {
  const n = _unwrap(node)
  return n === undefined
    ? undefined
    : _ts.isObjectLiteralExpression(n)
    ? n
    : _ts.isCallExpression(n)
    ? _objectOf(f, n.arguments[argIndex], 0)
    : _ts.isIdentifier(n)
    ? _objectOf(f, f.locals.get(n.text)?.initializer, argIndex)
    : undefined
}

const _nameOf = (f: _File, prop: ts.ObjectLiteralElementLike): string | undefined => {
  const name = _ts.isPropertyAssignment(prop) || _ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined
  return name === undefined
    ? undefined
    : _ts.isIdentifier(name) || _ts.isStringLiteral(name) || _ts.isNoSubstitutionTemplateLiteral(name) || _ts.isNumericLiteral(name)
    ? name.text
    : name.getText(f.sf)
}

/** The doc comment above a node (the parser attaches JSDoc nodes to declarations). */
const _docOf = (node: ts.Node | undefined): string | undefined => {
  const docs = ((node as { readonly jsDoc?: ReadonlyArray<_JsDoc> } | undefined)?.jsDoc ?? [])
    .map((d) => typeof d.comment === "string" ? d.comment : (d.comment ?? []).map((c) => c.text).join(""))
    .map((d) => d.trim())
    .filter((d) => d !== "")
  return docs.length === 0 ? undefined : docs.join("\n")
}

const _walk = (
  f: _File,
  obj: ts.ObjectLiteralExpression,
  prefix: string,
  out: Map<string, Discover.Position>,
  errors: Array<ContractError>,
  depth: number
): void => {
  obj.properties.forEach((prop) => {
    const spread = _ts.isSpreadAssignment(prop) ? _objectOf(f, prop.expression, 0) : undefined
    spread !== undefined && _walk(f, spread, prefix, out, errors, depth)
    const name = _nameOf(f, prop)
    const key = `${prefix}${name ?? "?"}`
    const line = _line(f, prop)
    const duplicate = name !== undefined && out.has(key)
    duplicate && errors.push(
      new ContractError({
        file: f.sf.fileName,
        line,
        message: `duplicate name "${name}" (first declared on line ${out.get(key)?.line})`,
        hint: "every declaration in a section needs its own name; rename or remove one of them"
      })
    )
    // A shorthand `{ Order }` declares what the local `const Order = ...` holds: its doc and its object.
    const local = _ts.isShorthandPropertyAssignment(prop) ? f.locals.get(prop.name.text) : undefined
    name !== undefined && !duplicate && out.set(key, { line, doc: _docOf(prop) ?? _docOf(local?.parent.parent) })
    const descend = depth === 0 || (depth === 1 && prefix === "entities.") || (depth === 2 && name === "rpcs")
    const init = _ts.isPropertyAssignment(prop) ? prop.initializer : local?.initializer
    const inner = descend ? _objectOf(f, init, 0) : undefined
    inner !== undefined && _walk(f, inner, `${key}.`, out, errors, depth + 1)
  })
}

const _locals = (sf: ts.SourceFile): ReadonlyMap<string, ts.VariableDeclaration> =>
  new Map(
    sf.statements.filter(_ts.isVariableStatement).flatMap((s) =>
      s.declarationList.declarations.flatMap((d) => _ts.isIdentifier(d.name) ? [[d.name.text, d] as const] : [])
    )
  )

/**
 * Parse one contract source. Syntax errors or a missing default export leave no result (the file is not
 * loaded); other problems (duplicate names) are reported beside a result so validation still runs.
 */
const file = (path: string, text: string): Effect.Effect<Discover.Outcome> =>
  Effect.sync(() => {
    const sf = _ts.createSourceFile(path, text, _ts.ScriptTarget.Latest, true, _ts.ScriptKind.TS)
    const f: _File = { sf, locals: _locals(sf) }
    const seen = new Set<string>()
    const syntax = _parseDiagnostics(sf).flatMap((d) => {
      const line = sf.getLineAndCharacterOfPosition(d.start ?? 0).line + 1
      const message = `syntax error: ${typeof d.messageText === "string" ? d.messageText : d.messageText.messageText}`
      const fresh = !seen.has(`${line}:${message}`)
      seen.add(`${line}:${message}`)
      return fresh
        ? [new ContractError({ file: path, line, message, hint: "fix the TypeScript syntax; `npx tsc --noEmit` shows it in context" })]
        : []
    })
    const exported = sf.statements.find((s): s is ts.ExportAssignment => _ts.isExportAssignment(s) && s.isExportEquals !== true)
    const missing = exported === undefined
      ? [new ContractError({
        file: path,
        line: 1,
        message: "no default export",
        hint: "end the file with `export default Contract.make(\"name\", { ... })`"
      })]
      : []
    const positions = new Map<string, Discover.Position>()
    const errors: Array<ContractError> = [...syntax, ...missing]
    const root = syntax.length === 0 ? _objectOf(f, exported?.expression, 1) : undefined
    root !== undefined && _walk(f, root, "", positions, errors, 0)
    const line = exported === undefined ? 1 : _line(f, exported)
    return { result: syntax.length + missing.length > 0 ? undefined : { file: path, line, positions }, errors }
  })

/** Look up a declaration's position, falling back to the default export's line. */
const position = (result: Discover.Result, key: string): Discover.Position =>
  Option.getOrElse(Option.fromNullable(result.positions.get(key)), () => ({ line: result.line, doc: undefined }))

export const Discover = { file, position } as const

export declare namespace Discover {
  interface Position {
    readonly line: number
    readonly doc: string | undefined
  }
  interface Outcome {
    /** Absent when the file cannot be loaded (syntax errors, no default export). */
    readonly result: Result | undefined
    readonly errors: ReadonlyArray<ContractError>
  }
  interface Result {
    readonly file: string
    /** Line of the `export default`. */
    readonly line: number
    /** Keyed by `section.Name` and `entities.Name.rpcs.Message`. */
    readonly positions: ReadonlyMap<string, Position>
  }
}
