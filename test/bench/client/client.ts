/**
 * Client bundle bench (`npm run bench:client`): what a browser app ships for the client, bundled as its bundler
 * would (esbuild, browser platform, ESM, minified; gzip -9 via node:zlib) — the Effect client over WebSocket +
 * JSON and over HTTP, the promise facade, the generated client of a larger app, and Connect-ES's client of the
 * same orders-like service (generated at bench time with buf and protoc-gen-es). Prints one table, then what
 * the Effect client's bundle is made of (the floors of Effect itself; bytes by package, by part of `effect`, by
 * module), and writes `.bench/client.json`. Not a test: a missed goal is reported, never fatal.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Bundle } from "../../runtime/client/Bundle.js"
import { ConnectBench } from "./_connect.js"

/** The service every Effect entry calls: the same calls and fields as `orders.proto`. */
const _service = `
  import * as Rpc from "@effect/rpc/Rpc"
  import * as RpcGroup from "@effect/rpc/RpcGroup"
  import * as Effect from "effect/Effect"
  import * as Schema from "effect/Schema"
  import * as Stream from "effect/Stream"
  import { EdgeError } from "effect-contracts/EdgeError"
  const Line = Schema.Struct({ sku: Schema.String, quantity: Schema.Int, unitPriceCents: Schema.Int })
  const Order = Schema.Struct({
    tenantId: Schema.String, orderId: Schema.String, customerId: Schema.String, lines: Schema.Array(Line), status: Schema.String, totalCents: Schema.Int
  })
  class OrderNotFound extends Schema.TaggedError()("OrderNotFound", { orderId: Schema.String }) {}
  const errors = Schema.Union(OrderNotFound, EdgeError.schema)
  const orders = RpcGroup.make(
    Rpc.make("PlaceOrder", { payload: { tenantId: Schema.String, orderId: Schema.String, customerId: Schema.String, lines: Schema.Array(Line) }, success: Order, error: errors }),
    Rpc.make("GetOrder", { payload: { tenantId: Schema.String, orderId: Schema.String }, success: Order, error: errors }),
    Rpc.make("WatchOrders", { payload: { tenantId: Schema.String }, success: Order, error: EdgeError.schema, stream: true })
  )
  const place = { tenantId: "t_a", orderId: "o_1", customerId: "c_1", lines: [{ sku: "TEE", quantity: 1, unitPriceCents: 1990 }] }`

/** The Effect client over `transport`: a unary call and the first item of the stream. */
const _effect = (transport: "websocket" | "http") => `${_service}
  import { Client } from "effect-contracts/Client"
  Effect.runFork(Effect.scoped(Effect.gen(function*() {
    const client = yield* Client.make({ url: location.origin, transport: "${transport}", groups: { orders } })
    console.log((yield* client.orders.PlaceOrder(place)).status)
    console.log(yield* Stream.runHead(client.orders.WatchOrders({ tenantId: "t_a" })))
  })))`

const _facade = `${_service}
  import { ClientPromise } from "effect-contracts/ClientPromise"
  ClientPromise.connect({ url: location.origin, groups: { orders } }).then((client) => {
    client.orders.PlaceOrder(place).then((order) => console.log(order.status), (error) => console.error(error._tag))
    client.orders.WatchOrders({ tenantId: "t_a" })[Symbol.asyncIterator]().next().then((item) => console.log(item.value))
  })`

/** What any Effect client costs before a line of ours: the runtime alone, with Schema and Stream, with @effect/rpc's client. */
const _floors = {
  "`Effect.runFork` alone": `import * as Effect from "effect/Effect"\n  Effect.runFork(Effect.log("hi"))`,
  "+ `Schema` decoding and a `Stream`": `import * as Effect from "effect/Effect"
  import * as Schema from "effect/Schema"
  import * as Stream from "effect/Stream"
  Effect.runFork(Effect.flatMap(Schema.decodeUnknown(Schema.Struct({ a: Schema.String }))({ a: "x" }), (x) => Stream.runHead(Stream.make(x))))`,
  "+ @effect/rpc's `RpcClient` over a bare protocol (the service above)": `${_service}
  import * as RpcClient from "@effect/rpc/RpcClient"
  const protocol = RpcClient.Protocol.make(() => Effect.succeed({ send: (m) => Effect.sync(() => globalThis.postMessage(JSON.stringify(m))), supportsAck: true, supportsTransferables: false }))
  Effect.runFork(Effect.scoped(Effect.gen(function*() {
    const client = yield* RpcClient.make(orders).pipe(Effect.provideService(RpcClient.Protocol, yield* protocol))
    console.log((yield* client.PlaceOrder(place)).status)
    console.log(yield* Stream.runHead(client.WatchOrders({ tenantId: "t_a" })))
  })))`
} as const

const _kb = (n: number) => `${(n / 1024).toFixed(1)} kB`

/** Parts of `effect` by what they are for, matched on the module path (the first that matches). */
const _parts: ReadonlyArray<readonly [string, RegExp]> = [
  ["Schema (Schema, SchemaAST, ParseResult)", /effect\/dist\/esm\/(Schema|SchemaAST|ParseResult|internal\/schema\/)/],
  ["Stream, Channel, Sink, Mailbox", /effect\/dist\/esm\/(Stream|Channel|Sink|Mailbox|internal\/(stream|channel|sink|core-stream|mailbox|take))/],
  ["fiber runtime, core, Cause, Scheduler, FiberRef", /effect\/dist\/esm\/(Micro|Scheduler|internal\/(fiberRuntime|core|cause|runtime|fiberRefs|fiberId|fiberScope|scheduler|supervisor|runtimeFlags|blockedRequests|completedRequestMap|executionStrategy))/],
  ["Layer, Context, Config, Logger, Metric, Tracer", /effect\/dist\/esm\/internal\/(layer|context|config|configProvider|configError|defaultServices|logger|logSpan|metric|tracer|clock|random)/],
  ["Schedule, Queue, PubSub, Deferred, Ref", /effect\/dist\/esm\/internal\/(schedule|queue|pubsub|deferred|ref|synchronizedRef|effect\/circular)/],
  ["data structures, utilities (Chunk, HashMap, RedBlackTree, Duration…)", /effect\/dist\/esm\//]
]

/** The bundle's bytes by part of `effect` (the rest by package). */
const _byPart = (modules: ReadonlyArray<{ readonly path: string; readonly bytes: number }>) =>
  modules.reduce<Record<string, number>>((acc, m) => {
    const part = _parts.find(([, re]) => re.test(m.path))?.[0] ?? (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(m.path)?.[1] ?? "effect-contracts (runtime/client, EdgeError)")
    return { ...acc, [part]: (acc[part] ?? 0) + m.bytes }
  }, {})

const _short = (path: string) => path.replace(/.*node_modules\//, "").replace("/dist/esm/", "/")

const main = Effect.gen(function*() {
  const connect = yield* ConnectBench.prepare
  const rows = [
    { name: "Effect client, WebSocket + JSON (`Client.make`)", contents: _effect("websocket"), dir: undefined },
    { name: "Effect client, HTTP (`transport: \"http\"`)", contents: _effect("http"), dir: undefined },
    { name: "promise facade (`ClientPromise.connect`)", contents: _facade, dir: undefined },
    { name: "generated `makeClient`, golden `channels` app (3 contracts, 15 channels)", contents: Bundle.entries["generated makeClient (golden channels: 3 contracts, 15 channels)"], dir: undefined },
    { name: "Connect-ES (`createClient` + connect-web `createConnectTransport`)", contents: connect.entry, dir: connect.dir }
  ]
  const measured = yield* Effect.forEach(rows, (r) => Effect.map(Bundle.measure(r.contents, r.dir), (m) => ({ ...r, ...m })))
  const es = measured.at(-1)!
  yield* Console.log(`Client bundle: esbuild, browser platform, ESM, minified; gzip -9. The orders-like service: 2 unary RPCs and a server stream.\n`)
  yield* Console.log("| bundle | minified | gzip | gzip vs Connect-ES |\n|---|---:|---:|---:|")
  yield* Effect.forEach(measured, (m) => Console.log(`| ${m.name} | ${_kb(m.min)} | ${_kb(m.gzip)} | ${(m.gzip / es.gzip).toFixed(2)}× |`))
  const [ws, http, facade] = measured
  yield* Console.log(`\nGoals: Effect WebSocket client ≤ 90 kB gzip: ${_kb(ws!.gzip)} ${ws!.gzip <= 90 * 1024 ? "met" : "MISSED"}; ` +
    `facade ≤ 1.5× Connect-ES: ${(facade!.gzip / es.gzip).toFixed(2)}× ${facade!.gzip <= 1.5 * es.gzip ? "met" : "MISSED"}`)
  yield* Console.log(`Connect-ES measured: ${connect.versions.join(", ")}`)
  const own = (path: string) => ws!.modules.find((m) => m.path.endsWith(path))?.bytes ?? 0
  yield* Console.log(`Both transports are in every Effect bundle (chosen at run time): runtime/client/Socket.ts ${_kb(own("client/Socket.ts"))}, ` +
    `Http.ts ${_kb(own("client/Http.ts"))} minified; the two rows differ by the entry's own text (${Math.abs(http!.gzip - ws!.gzip)} bytes gzip)`)
  yield* Console.log("\nFloors (gzip), what every Effect client ships before this one's code:")
  const floors = yield* Effect.forEach(Object.entries(_floors), ([name, contents]) =>
    Effect.map(Bundle.measure(contents), (m) => ({ name, min: m.min, gzip: m.gzip })))
  yield* Effect.forEach(floors, (f) => Console.log(`  ${f.name.padEnd(70)} ${_kb(f.gzip).padStart(9)}`))
  yield* Console.log(`\nWhat the Effect WebSocket client's ${_kb(ws!.min)} (minified) are made of, by package:`)
  yield* Effect.forEach(Object.entries(ws!.packages).sort((a, b) => b[1] - a[1]), ([name, bytes]) =>
    Console.log(`  ${name.padEnd(70)} ${_kb(bytes).padStart(9)}  ${(100 * bytes / ws!.min).toFixed(0).padStart(3)} %`))
  yield* Console.log("by part:")
  yield* Effect.forEach(Object.entries(_byPart(ws!.modules)).sort((a, b) => b[1] - a[1]), ([name, bytes]) =>
    Console.log(`  ${name.padEnd(70)} ${_kb(bytes).padStart(9)}  ${(100 * bytes / ws!.min).toFixed(0).padStart(3)} %`))
  yield* Console.log(`largest modules (${ws!.modules.length} in all):`)
  yield* Effect.forEach(ws!.modules.slice(0, 15), (m) => Console.log(`  ${_short(m.path).padEnd(48)} ${_kb(m.bytes).padStart(9)}`))
  const fs = yield* FileSystem.FileSystem
  const report = { bundles: measured.map((m) => ({ name: m.name, min: m.min, gzip: m.gzip, packages: m.packages })), floors, connect: connect.versions }
  yield* fs.makeDirectory(".bench", { recursive: true })
  yield* fs.writeFileString(".bench/client.json", JSON.stringify(report, null, 2) + "\n")
  yield* Console.log("wrote .bench/client.json")
}).pipe(Effect.scoped)

NodeRuntime.runMain(main.pipe(Effect.provide(NodeContext.layer)))
