/**
 * Emits the app's browser client: per contract with channels, `<contract>/ClientChannels.ts` (its channels'
 * subscription RPCs as `Client.channel` declares them, without the server's realtime runtime), and the
 * app-wide `Client.ts`: `ClientRpcs` (every public group, keyed as `AppRpcs`), `ClientVersion` (`AppVersion`),
 * `makeClient` (Effect) and `connectClient` (promises), bound to them and to the RPCs a reconnect may replay.
 * Everything it writes and imports bundles for browsers: deep imports, no server module. Pure: IR in, files out.
 */
import { posix } from "node:path"
import type { Config } from "../../Config.js"
import { Ir } from "../../ir/Ir.js"
import { Printer } from "../../print/Printer.js"
import { App } from "./App.js"
import { Common } from "../Common.js"
import { Paths } from "../Paths.js"

/** Where a contract's client channels go, and the group they export. */
const _channels = (paths: Config.Resolved, c: Ir.Contract) => ({
  path: posix.join(paths.generated, c.name, "ClientChannels.ts"),
  id: `${c.pascal}ClientChannels`
})

/** A contract's channels as the client subscribes to them: one line each, with the auth middleware when it needs a principal. */
const _contractChannels = (paths: Config.Resolved, c: Ir.Contract): Printer.File => {
  const auth = c.auth === undefined ? undefined : Paths.auth(paths, c)
  const needs = (ch: Ir.Channel) => auth !== undefined && ch.auth === "required"
  const rpcs = c.channels.map((ch) =>
    `Client.channel(${JSON.stringify(c.name)}, ${JSON.stringify(ch.name)}, _c.${ch.name})${needs(ch) ? `.middleware(${auth!.id})` : ""}`)
  return Common.generated(paths, {
    path: _channels(paths, c).path,
    source: c.file,
    imports: [
      { from: "@effect/rpc/RpcGroup", namespace: "RpcGroup" },
      { from: "effect-contracts/Client", names: ["Client"] },
      Common.contractImport(c),
      ...(auth !== undefined && c.channels.some(needs) ? [{ from: auth.path, names: [auth.id] }] : [])
    ],
    body: [
      `const _c = ${c.pascal}Contract.channels`,
      "",
      ...Printer.doc([
        `The subscriptions to the channels of \`${c.name}\` as a client makes them: the streaming RPCs \`${c.name}.<Channel>\` that`,
        `\`${Paths.channelRpcs(paths, c).id}\` serves, declared without the server's realtime runtime so they bundle for browsers.`
      ]),
      `export const ${_channels(paths, c).id} = RpcGroup.make(\n  ${rpcs.join(",\n  ")}\n)`
    ]
  })
}

/** The app-wide `Client.ts`. */
const _app = (ir: Ir, paths: Config.Resolved): Printer.File => {
  const groups = ir.contracts.flatMap((c) => [
    ...(c.rpcs.length > 0 ? [{ key: c.name, ...Paths.rpcs(paths, c) }] : []),
    ...(c.channels.length > 0 ? [{ key: Ir.channelGroup(c), ..._channels(paths, c) }] : [])
  ])
  const idempotent = ir.contracts.flatMap((c) => c.rpcs.filter((r) => !r.stream && (r.idempotent || r.primaryKey)).map((r) => JSON.stringify(r.name)))
  const bound = "{ ...options, groups: ClientRpcs, version: ClientVersion, idempotent: _idempotent }"
  return Common.generated(paths, {
    path: posix.join(paths.generated, "Client.ts"),
    source: paths.contracts,
    imports: [
      { from: "effect-contracts/Client", names: ["Client"] },
      { from: "effect-contracts/ClientPromise", names: ["ClientPromise"] },
      ...groups.map((g) => ({ from: g.path, names: [g.id] }))
    ],
    body: [
      ...Printer.doc([
        "Every public RPC group as a client calls it, keyed as `AppRpcs` serves it (`Server.layer({ rpcs: AppRpcs })`):",
        "a contract's RPCs under its name, the subscriptions to its channels under `<name>Channels`. Unlike `AppRpcs`, nothing",
        "here imports a handler or the server's runtime, so a browser bundle of it holds the client only."
      ]),
      `export const ClientRpcs = {\n${groups.map((g) => `  ${g.key}: ${g.id}`).join(",\n")}\n} as const`,
      "",
      ...Printer.doc(["The contracts' version this client was built from (`AppVersion`): a server running others answers `UpgradeRequired`."]),
      `export const ClientVersion = ${JSON.stringify(App.version(ir))}`,
      "",
      ...Printer.doc(["The public RPCs a reconnect replays when it cut them: those declared `idempotent` or with a primary key."]),
      `const _idempotent = [${idempotent.join(", ")}] as const`,
      "",
      ...Printer.doc([
        "The app's client, in a scope: `const client = yield* makeClient({ url })`; then `client.<contract>.<Rpc>(payload)`,",
        "`client.subscribe(\"<contract>.<Channel>\", key)` and `client.state`. One WebSocket (or `transport: \"http\"`) for all;",
        "it reconnects, calls made meanwhile wait up to their timeout, and a subscription resumes from its cursor."
      ]),
      `export const makeClient = (options: Client.Connect) =>\n  Client.make(${bound})`,
      "",
      ...Printer.doc(["The same client as promises, for front ends without Effect: `connectClient({ url }).then((client) => …)`."]),
      `export const connectClient = (options: ClientPromise.Connect) =>\n  ClientPromise.connect(${bound})`
    ]
  })
}

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.some((c) => c.rpcs.length > 0 || c.channels.length > 0)
    ? [...ir.contracts.filter((c) => c.channels.length > 0).map((c) => _contractChannels(paths, c)), _app(ir, paths)]
    : []

export const AppClient = { emit } as const
