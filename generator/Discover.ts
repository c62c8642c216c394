/**
 * Discover: parse each contract with ts-morph (syntax only, never the type checker) to find its default
 * export and the source position and doc comment of every declaration. Reads source; imports nothing.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Node, Project, type ObjectLiteralExpression, type SourceFile } from "ts-morph"
import { ContractError } from "./ContractError.js"

let _shared: Project | undefined

/** One in-memory project for every file of the process: creating a Project is not free. */
const _project = (): Project => {
  _shared ??= new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: false } })
  return _shared
}

interface _ParseDiagnostic {
  readonly start?: number
  readonly messageText: string | { readonly messageText: string }
}

const _parseDiagnostics = (sf: SourceFile): ReadonlyArray<_ParseDiagnostic> =>
  (sf.compilerNode as unknown as { readonly parseDiagnostics?: ReadonlyArray<_ParseDiagnostic> }).parseDiagnostics ?? []

const _lineOf = (sf: SourceFile, pos: number): number => sf.getLineAndColumnAtPos(pos).line

const _unwrap = (node: Node | undefined): Node | undefined =>
  Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isParenthesizedExpression(node)
    ? _unwrap(node.getExpression())
    : node

/** The object literal a node evaluates to: itself, a call's last object argument, or a local const's. */
const _objectOf = (sf: SourceFile, node: Node | undefined, argIndex: number): ObjectLiteralExpression | undefined => {
  const n = _unwrap(node)
  return Node.isObjectLiteralExpression(n)
    ? n
    : Node.isCallExpression(n)
    ? _objectOf(sf, n.getArguments()[argIndex], 0)
    : Node.isIdentifier(n)
    ? _objectOf(sf, sf.getVariableDeclaration(n.getText())?.getInitializer(), argIndex)
    : undefined
}

const _nameOf = (prop: Node): string | undefined => {
  const nameNode = Node.isPropertyAssignment(prop) || Node.isShorthandPropertyAssignment(prop)
    ? prop.getNameNode()
    : undefined
  return Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode)
    ? nameNode.getLiteralValue()
    : nameNode?.getText()
}

type _JsDoc = { readonly comment?: string | ReadonlyArray<{ readonly text: string }> }

/** The doc comment above a property; ts-morph does not expose JSDoc on property assignments. */
const _docOf = (prop: Node): string | undefined => {
  const docs = ((prop.compilerNode as { readonly jsDoc?: ReadonlyArray<_JsDoc> }).jsDoc ?? [])
    .map((d) => typeof d.comment === "string" ? d.comment : (d.comment ?? []).map((c) => c.text).join(""))
    .map((d) => d.trim())
    .filter((d) => d !== "")
  return docs.length === 0 ? undefined : docs.join("\n")
}

/** A shorthand `{ Order }` declares what the local `const Order = ...` holds: its doc and its object. */
const _local = (sf: SourceFile, prop: Node) => {
  const decl = Node.isShorthandPropertyAssignment(prop) ? sf.getVariableDeclaration(prop.getName()) : undefined
  return { doc: decl === undefined ? undefined : _docOf(decl.getVariableStatementOrThrow()), init: decl?.getInitializer() }
}

const _walk = (
  sf: SourceFile,
  obj: ObjectLiteralExpression,
  prefix: string,
  out: Map<string, Discover.Position>,
  errors: Array<ContractError>,
  depth: number
): void => {
  obj.getProperties().forEach((prop) => {
    const spread = Node.isSpreadAssignment(prop) ? _objectOf(sf, prop.getExpression(), 0) : undefined
    spread !== undefined && _walk(sf, spread, prefix, out, errors, depth)
    const name = _nameOf(prop)
    const key = `${prefix}${name ?? "?"}`
    const line = prop.getStartLineNumber()
    const duplicate = name !== undefined && out.has(key)
    duplicate && errors.push(
      new ContractError({
        file: sf.getFilePath(),
        line,
        message: `duplicate name "${name}" (first declared on line ${out.get(key)?.line})`,
        hint: "every declaration in a section needs its own name; rename or remove one of them"
      })
    )
    const local = _local(sf, prop)
    name !== undefined && !duplicate && out.set(key, { line, doc: _docOf(prop) ?? local.doc })
    const descend = depth === 0 || (depth === 1 && prefix === "entities.") || (depth === 2 && name === "rpcs")
    const init = Node.isPropertyAssignment(prop) ? prop.getInitializer() : local.init
    const inner = descend ? _objectOf(sf, init, 0) : undefined
    inner !== undefined && _walk(sf, inner, `${key}.`, out, errors, depth + 1)
  })
}

/**
 * Parse one contract source. Syntax errors or a missing default export leave no result (the file is not
 * loaded); other problems (duplicate names) are reported beside a result so validation still runs.
 */
const file = (path: string, text: string): Effect.Effect<Discover.Outcome> =>
  Effect.sync(() => {
    const project = _project()
    const sf = project.createSourceFile(path, text, { overwrite: true, scriptKind: 3 })
    const seen = new Set<string>()
    const syntax = _parseDiagnostics(sf).flatMap((d) => {
      const line = _lineOf(sf, d.start ?? 0)
      const message = `syntax error: ${typeof d.messageText === "string" ? d.messageText : d.messageText.messageText}`
      const fresh = !seen.has(`${line}:${message}`)
      seen.add(`${line}:${message}`)
      return fresh
        ? [new ContractError({ file: path, line, message, hint: "fix the TypeScript syntax; `npx tsc --noEmit` shows it in context" })]
        : []
    })
    const exported = sf.getExportAssignment((e) => !e.isExportEquals())
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
    const root = syntax.length === 0 ? _objectOf(sf, exported?.getExpression(), 1) : undefined
    root !== undefined && _walk(sf, root, "", positions, errors, 0)
    const line = exported?.getStartLineNumber() ?? 1
    project.removeSourceFile(sf)
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
