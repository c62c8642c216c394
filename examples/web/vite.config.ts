/**
 * Vite's build of the example web page: `npm run web:build` writes `examples/web/dist/`, which every pod of
 * the example app serves at `/app/` (examples/web/WebPage.ts). `effect-contracts/*` resolve through the
 * package's own `exports` map, as they would from an installed package; nothing else is configured.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

const _root = fileURLToPath(new URL("../..", import.meta.url))

type _Exports = Readonly<Record<string, string | { readonly default: string }>>

/** `effect-contracts` and each `effect-contracts/<Name>` to its source file (the repository is the package). */
const _alias = Object.entries(JSON.parse(readFileSync(`${_root}package.json`, "utf8")).exports as _Exports).flatMap(([key, target]) =>
  typeof target === "string" ? [] : [{ find: new RegExp(`^effect-contracts${key.slice(1)}$`), replacement: `${_root}${target.default.slice(2)}` }]
)

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/app/",
  resolve: { alias: _alias },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", reportCompressedSize: false }
})
