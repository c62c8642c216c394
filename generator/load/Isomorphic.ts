/**
 * The esbuild plugin that keeps contracts isomorphic: an import of a Node built-in or a server-only package,
 * in a contract or any file it imports, fails the build at that import's line (esbuild attaches the
 * location). Browsers import contract schemas; server code belongs in handlers and the main.
 */
import type * as esbuild from "esbuild"
import { builtinModules } from "node:module"

/** Packages that exist only on a server: a contract (which browsers import) must not import them. */
const _serverOnly = /^(node:|@effect\/(platform-node|platform-bun|sql|cluster)|effect-contracts\/)/
const _builtins = new Set(builtinModules)

/**
 * Contracts are isomorphic: an import of a Node built-in or a server-only package, in a contract or any file
 * it imports, fails the build at that import's line (esbuild attaches the location).
 */
const plugin: esbuild.Plugin = {
  name: "effect-contracts-isomorphic",
  setup: (build) => {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const bare = args.path.split("/")[0] ?? ""
      const server = _serverOnly.test(args.path) || _builtins.has(args.path) || _builtins.has(bare)
      return server
        ? {
          errors: [{
            text: `contracts are isomorphic (browsers import them), but this imports "${args.path}", which only runs on a server${
              args.path.startsWith("effect-contracts/") ? "; import the DSL from \"effect-contracts\"" : ""
            }`
          }]
        }
        : undefined
    })
  }
}


export const Isomorphic = { plugin } as const
