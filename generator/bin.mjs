#!/usr/bin/env node
// The `codegen` bin. Contracts are TypeScript, so tsx must be registered; but tsx's loader hooks run
// off-thread and double the cost of every module loaded after them. So the generator's dependencies are
// loaded first, natively, and tsx is registered only for the generator's own files and the contracts.
import { createRequire } from "node:module"
import { register } from "tsx/esm/api"

const preload = [
  "effect/Effect", "effect/Option", "effect/Schema", "effect/SchemaAST", "effect/Either", "effect/Exit", "effect/Data",
  "effect/Cron", "effect/Console", "effect/Clock", "effect/Cause", "effect/Layer", "@effect/platform/FileSystem", "@effect/platform/Path",
  "@effect/platform-node/NodeRuntime", "@effect/platform-node/NodeContext", "@effect/cli/Options", "@effect/cli/Command",
  "@effect/cli/Args"
]

// ts-morph is CommonJS: require it (an ESM import would first scan its 9 MB bundle for exports).
createRequire(import.meta.url)("ts-morph")
Promise.all(preload.map((m) => import(m))).then(() => {
  register()
  return import("./main.ts")
})
