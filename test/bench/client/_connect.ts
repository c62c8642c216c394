/**
 * The Connect-ES side of the client bundle bench: generates TypeScript for `orders.proto` with `npx buf generate`
 * and the `protoc-gen-es` plugin installed in node_modules, in a scratch folder under `test/.tmp/` (so the
 * bundle resolves `@connectrpc/*` and `@bufbuild/protobuf` from this repository), and the entry a browser app
 * using it would be: `createClient` over connect-web's `createConnectTransport`, the same calls as the Effect
 * entries. The folder is removed when the scope closes.
 */
import * as Command from "@effect/platform/Command"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import { fileURLToPath } from "node:url"

const _root = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "")

/** buf's module (v2, the folder itself) and its generation: protoc-gen-es from `node_modules/.bin` (on npx's PATH). */
const _bufYaml = "version: v2\n"
const _genYaml = ["version: v2", "plugins:", "  - local: protoc-gen-es", "    out: gen", "    opt: target=ts", ""].join("\n")

/** What the app calls: a unary RPC and the first item of the server stream, as the Effect entries do. */
const _entry = `
  import { createClient } from "@connectrpc/connect"
  import { createConnectTransport } from "@connectrpc/connect-web"
  import { OrdersService } from "./gen/orders_pb.js"
  const client = createClient(OrdersService, createConnectTransport({ baseUrl: location.origin }))
  client.placeOrder({ tenantId: "t_a", orderId: "o_1", customerId: "c_1", lines: [{ sku: "TEE", quantity: 1, unitPriceCents: 1990 }] })
    .then((order) => console.log(order.status), (error) => console.error(error))
  client.watchOrders({ tenantId: "t_a" })[Symbol.asyncIterator]().next().then((item) => console.log(item.value))`

/**
 * A scratch folder holding the generated Connect-ES code, and the entry to bundle from it; and the versions
 * measured. Fails when buf or the plugin is missing.
 */
const prepare = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  yield* fs.makeDirectory(`${_root}/test/.tmp`, { recursive: true })
  const dir = yield* fs.makeTempDirectoryScoped({ directory: `${_root}/test/.tmp`, prefix: "bench-connect-" })
  yield* fs.writeFileString(`${dir}/buf.yaml`, _bufYaml)
  yield* fs.writeFileString(`${dir}/buf.gen.yaml`, _genYaml)
  yield* fs.copyFile(fileURLToPath(new URL("orders.proto", import.meta.url)), `${dir}/orders.proto`)
  const generate = Command.make("npx", "buf", "generate").pipe(Command.workingDirectory(dir), Command.stderr("inherit"))
  const code = yield* Command.exitCode(generate)
  yield* code === 0 ? Effect.void : Effect.dieMessage(`npx buf generate failed (exit ${code}) in ${dir}`)
  const version = (pkg: string) =>
    Effect.map(fs.readFileString(`${_root}/node_modules/${pkg}/package.json`), (text) => `${pkg} ${(JSON.parse(text) as { readonly version: string }).version}`)
  const versions = yield* Effect.all(["@connectrpc/connect-web", "@bufbuild/protobuf", "@bufbuild/protoc-gen-es"].map(version))
  return { dir, entry: _entry, versions }
})

export const ConnectBench = { prepare } as const
