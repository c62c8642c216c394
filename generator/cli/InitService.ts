/**
 * The files `codegen init <name> --new` writes around a new contract: the config, a `src/main.ts` that serves
 * the service, and (when missing) `tsconfig.json` and `package.json`. Templates only; `Init` writes them.
 */

/** Where a new service keeps its contracts, generated code and handlers. */
const config = { contracts: "src/contracts", generated: "src/generated", handlers: "src/handlers" } as const

/** `src/main.ts`: the public RPCs over HTTP with health probes, on the memory cluster or on PostgreSQL. */
const main = (name: string, pascal: string): string => `/**
 * The ${name} service: its public RPCs over HTTP (POST /rpc/${name}) with health probes (/health, /livez,
 * /readyz) on HTTP_HOST:HTTP_PORT (127.0.0.1:8080). One process on the in-memory cluster; with --postgres,
 * on PostgreSQL (DATABASE_URL, or a throwaway embedded server), where more pods can join.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Layer from "effect/Layer"
import { Cluster } from "effect-contracts/Cluster"
import { Server } from "effect-contracts/Server"
import { AppLayer } from "./generated/Layer.js"
import { ${pascal}Rpcs } from "./generated/${name}/Rpcs.js"

const infrastructure = process.argv.includes("--postgres") ? Cluster.onPostgres() : Cluster.inMemory()

const Main = Server.layer({ rpcs: { ${name}: ${pascal}Rpcs } }).pipe(
  Layer.provide(AppLayer),
  Layer.provide(infrastructure)
)

NodeRuntime.runMain(Layer.launch(Main))
`

/** A strict TypeScript setup that type-checks contracts, generated code, handlers and the main. */
const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"]
  },
  include: ["src"]
}

/** A package for the service when the folder has none. */
const packageJson = (name: string) => ({
  name,
  private: true,
  type: "module",
  scripts: { codegen: "codegen", check: "codegen --check && tsc", start: "tsx src/main.ts" }
})

/** Files whose presence does not make a folder "a project already": a new service may start here. */
const ignorable = new Set(["package.json", "package-lock.json", "node_modules", "tsconfig.json", ".git", ".gitignore"])

export const InitService = { config, main, tsconfig, packageJson, ignorable } as const
