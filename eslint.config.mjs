// House rules a machine can check (../shared/style.md): file length, no `any`, no else-if chains,
// no async/await or try/catch in Effect code, and the dependency rules of ARCHITECTURE.md.
// Runs over generated code too.
import { readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import tseslint from "typescript-eslint"

const effectOnly = [
  { selector: "IfStatement > IfStatement.alternate", message: "No if/else chains: use Match, a ternary or a dispatch table." },
  { selector: "FunctionDeclaration[async=true], FunctionExpression[async=true], ArrowFunctionExpression[async=true]", message: "No async functions: use Effect." },
  { selector: "AwaitExpression", message: "No await: use Effect." },
  { selector: "TryStatement", message: "No try/catch: use Effect.try / Effect.tryPromise." }
]

const root = path.dirname(fileURLToPath(import.meta.url))
/** The package's public subpaths: exactly the `exports` map of package.json. */
const publicPaths = new Set(
  Object.keys(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).exports)
    .map((key) => key === "." ? "effect-contracts" : `effect-contracts/${key.slice(2)}`)
)

/**
 * Each rule: which files it covers (repository-relative prefix), and what an import specifier of theirs
 * may not be. `target` is the import resolved to a repository-relative path (relative specifiers only).
 */
const dependencyRules = [
  {
    files: "runtime/",
    why: "runtime never imports generator",
    forbidden: ({ target }) => target?.startsWith("generator/")
  },
  {
    files: "runtime/contract/",
    why: "runtime/contract is isomorphic: it imports only `effect` and its own folder",
    forbidden: ({ spec, target }) => target === undefined ? !/^effect(\/|$)/.test(spec) : !target.startsWith("runtime/contract/")
  },
  {
    files: "runtime/index.ts",
    why: "the package entry exports only the isomorphic contract DSL",
    forbidden: ({ target }) => !target?.startsWith("runtime/contract/")
  },
  {
    files: "generator/emit/",
    why: "emitters are pure functions of the IR: no disk, no loading, no writing",
    forbidden: ({ spec, target }) =>
      /^(node:)?fs(\/|$)|^@effect\/platform(-node)?\/(FileSystem|Node)/.test(spec) ||
      /^generator\/(cli|discover|load|validate)\/|^generator\/print\/Writer/.test(target ?? "")
  },
  {
    files: "generator/",
    why: "the generator reaches the runtime only through the package's public subpaths",
    forbidden: ({ target }) => target?.startsWith("runtime/")
  },
  {
    files: "examples/",
    why: "examples import the package by its public subpaths (package.json exports) only",
    forbidden: ({ spec, target }) =>
      target?.startsWith("runtime/") || target?.startsWith("generator/") ||
      (/^effect-contracts(\/|$)/.test(spec) && !publicPaths.has(spec))
  },
  {
    files: "docs/",
    why: "docs samples import the package as a user does: by its public subpaths only",
    forbidden: ({ spec, target }) =>
      target?.startsWith("runtime/") || target?.startsWith("generator/") ||
      (/^effect-contracts(\/|$)/.test(spec) && !publicPaths.has(spec))
  },
  {
    files: "contracts/",
    why: "contracts are isomorphic (browsers import them): effect, effect-contracts and other contract files only",
    forbidden: ({ spec, target }) => target === undefined ? !/^effect(\/|$)|^effect-contracts$/.test(spec) : !target.startsWith("contracts/")
  }
]

/** ESLint rule `house/dependencies`: every import checked against `dependencyRules`. */
const dependencies = {
  meta: { type: "problem", schema: [] },
  create: (context) => {
    const file = path.relative(root, context.filename).split(path.sep).join("/")
    const rules = dependencyRules.filter((r) => file.startsWith(r.files))
    const check = (node, source) => {
      const spec = source?.value
      if (typeof spec !== "string") return
      const target = spec.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : undefined
      for (const r of rules.filter((r) => r.forbidden({ spec, target }))) {
        context.report({ node, message: `Forbidden import "${spec}" in ${file}: ${r.why} (ARCHITECTURE.md).` })
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source)
    }
  }
}

export default tseslint.config(
  { ignores: ["node_modules/**", "**/*.mjs", ".bench/**", "test/.tmp/**"] },
  {
    files: ["**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin, house: { rules: { dependencies } } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "max-lines": ["error", { max: 224, skipBlankLines: false, skipComments: false }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-syntax": ["error", ...effectOnly],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "no-var": "error",
      "prefer-const": "error",
      "house/dependencies": "error"
    }
  },
  {
    // Tests may use await inside vitest's own hooks; the other rules still hold.
    files: ["test/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", effectOnly[0], effectOnly[3]] }
  }
)
