// House rules a machine can check (../shared/style.md): file length, no `any`, no else-if chains,
// no async/await or try/catch in Effect code. Runs over generated code too.
import tseslint from "typescript-eslint"

const effectOnly = [
  { selector: "IfStatement > IfStatement.alternate", message: "No if/else chains: use Match, a ternary or a dispatch table." },
  { selector: "FunctionDeclaration[async=true], FunctionExpression[async=true], ArrowFunctionExpression[async=true]", message: "No async functions: use Effect." },
  { selector: "AwaitExpression", message: "No await: use Effect." },
  { selector: "TryStatement", message: "No try/catch: use Effect.try / Effect.tryPromise." }
]

export default tseslint.config(
  { ignores: ["node_modules/**", "**/*.mjs", ".bench/**", "test/.tmp/**"] },
  {
    files: ["**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "max-lines": ["error", { max: 224, skipBlankLines: false, skipComments: false }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-syntax": ["error", ...effectOnly],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "no-var": "error",
      "prefer-const": "error"
    }
  },
  {
    // Tests may use await inside vitest's own hooks; the other rules still hold.
    files: ["test/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", effectOnly[0], effectOnly[3]] }
  }
)
