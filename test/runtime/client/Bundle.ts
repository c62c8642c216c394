/**
 * Browser bundles of the client, as an app's bundler would make them (esbuild, `--platform=browser`, ESM,
 * minified): their size, gzipped size, and the packages they hold. A Node built-in anywhere in the graph fails
 * the build. Used by the bundle test; `node --import tsx test/runtime/client/Bundle.ts` prints the table.
 */
import * as Effect from "effect/Effect"
import { build } from "esbuild"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"

const _root = fileURLToPath(new URL("../../..", import.meta.url))

/** The entries measured: what a browser app importing each surface ships. */
const entries = {
  "Effect client, WebSocket + JSON (one RPC)": `
    import * as Rpc from "@effect/rpc/Rpc"
    import * as RpcGroup from "@effect/rpc/RpcGroup"
    import * as Effect from "effect/Effect"
    import * as Schema from "effect/Schema"
    import { Client } from "effect-contracts/Client"
    const shop = RpcGroup.make(Rpc.make("Echo", { payload: { text: Schema.String }, success: Schema.String }))
    Effect.runFork(Effect.scoped(Effect.flatMap(Client.make({ url: location.origin, groups: { shop } }), (c) => c.shop.Echo({ text: "hi" }))))`,
  "generated makeClient (golden channels: 3 contracts, 15 channels)": `
    import * as Effect from "effect/Effect"
    import { makeClient } from "./test/golden/channels/generated/Client.js"
    Effect.runFork(Effect.scoped(Effect.flatMap(makeClient({ url: location.origin }), (c) => c.desk.CloseTicket({ tenantId: "t_a", ticketId: "1" }))))`,
  "promise facade (generated connectClient)": `
    import { connectClient } from "./test/golden/channels/generated/Client.js"
    connectClient({ url: location.origin }).then((c) => c.subscribe("desk.Notices", "all", { onMessage: console.log }))`
} as const

/** The package a bundled file belongs to: `effect`, `@effect/rpc`, …; this repository's own files are `effect-contracts`. */
const _package = (path: string) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? "effect-contracts"

/**
 * One entry's bundle: minified and gzip -9 bytes, bytes per package, and each module's bytes (largest first), by
 * which a test sees whether msgpackr contributes any. `resolveDir` is where the entry's imports resolve from.
 */
const measure = (contents: string, resolveDir: string = _root) =>
  Effect.promise(() =>
    build({
      stdin: { contents, resolveDir, loader: "ts", sourcefile: "entry.ts" },
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      write: false,
      metafile: true,
      logLevel: "silent"
    })
  ).pipe(Effect.map((result) => {
    const code = result.outputFiles[0]!.contents
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs).filter(([, i]) => i.bytesInOutput > 0)
    const packages = inputs.reduce<Record<string, number>>((acc, [path, i]) => ({ ...acc, [_package(path)]: (acc[_package(path)] ?? 0) + i.bytesInOutput }), {})
    const modules = inputs.map(([path, i]) => ({ path, bytes: i.bytesInOutput })).sort((a, b) => b.bytes - a.bytes)
    return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, packages, modules, files: inputs.map(([path]) => path) }
  }))

const all = Effect.forEach(Object.entries(entries), ([name, contents]) => Effect.map(measure(contents), (m) => ({ name, ...m })))

export const Bundle = { entries, measure, all } as const

const _kb = (n: number) => `${(n / 1024).toFixed(1)} kB`

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  Effect.runPromise(all).then((rows) =>
    rows.forEach((r) => console.log(`${r.name}: ${_kb(r.min)} min, ${_kb(r.gzip)} gzip; ${JSON.stringify(r.packages)}`)))
}
