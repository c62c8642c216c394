/**
 * Emits the app-wide `Layer.ts`: `AppLayer` (every contract's layer over the runtimes some contract needs),
 * `AppRpcs` (every public RPC group, keyed for `Server.layer({ rpcs })`), `AppChannels` (every channel's SSE
 * endpoint) and `AppVersion` (a hash of the public wire surface). Contracts that do not fit in one file go to
 * `layers/AppLayer<n>.ts` parts the main file merges. Pure: hashes the IR, touches no disk.
 */
import { createHash } from "node:crypto"
import { Canonical } from "../../compat/walk/Canonical.js"
import type { Config } from "../../Config.js"
import { Ir } from "../../ir/Ir.js"
import { Printer } from "../../print/Printer.js"
import { Common } from "../Common.js"
import { Paths } from "../Paths.js"

type _Target = { readonly path: string; readonly id: string }
/** A runtime layer the app-wide layer provides: `Events.layer` from "effect-contracts/Events", … */
type _Runtime = { readonly module: string; readonly why: string }

/** What one file merges: layers, `AppRpcs` entries (`key: Group` or `...Part`), `AppChannels` spreads, and their imports. */
interface _Content {
  readonly layers: ReadonlyArray<string>
  readonly rpcs: ReadonlyArray<string>
  readonly channels: ReadonlyArray<string>
  readonly imports: ReadonlyArray<_Target>
}

/** A contract's share of the app-wide file. */
const _contract = (paths: Config.Resolved, c: Ir.Contract): _Content => {
  const layer = Paths.layer(paths, c)
  const groups = [
    ...(c.rpcs.length > 0 ? [[c.name, Paths.rpcs(paths, c)] as const] : []),
    ...(c.channels.length > 0 ? [[Ir.channelGroup(c), Paths.channelRpcs(paths, c)] as const] : [])
  ]
  const exposed = c.channels.length > 0 ? [Paths.channelsExposed(paths, c)] : []
  return {
    layers: [layer.id],
    rpcs: groups.map(([key, g]) => `${key}: ${g.id}`),
    channels: exposed.map((e) => `...${e.id}`),
    imports: [layer, ...groups.map(([, g]) => g), ...exposed]
  }
}

const _concat = (contents: ReadonlyArray<_Content>): _Content => ({
  layers: contents.flatMap((c) => c.layers),
  rpcs: contents.flatMap((c) => c.rpcs),
  channels: contents.flatMap((c) => c.channels),
  imports: contents.flatMap((c) => c.imports)
})

/**
 * The revision of the runtime's own wire (frames, control items such as a subscription's `Start`), hashed
 * into `AppVersion` with the contracts, so a client built against an older runtime gets `UpgradeRequired`
 * instead of frames it cannot decode. Raise it with any change to what runtime/client and the server exchange.
 */
const _wireRevision = 2

/**
 * The app's public wire surface, canonical and hashed (sha256, 16 hex digits): the runtime's wire revision,
 * every public RPC's tag, group, stream flag and wire schemas, every channel's tag, key and payload wire
 * schemas, sorted by tag.
 */
const version = (ir: Ir): string => {
  const surface = ir.contracts.flatMap((c) => [
    ...c.rpcs.map((r) => ({
      tag: r.name,
      group: c.name,
      stream: r.stream,
      payload: r.payload.encoded,
      success: r.success.encoded,
      error: r.error.encoded
    })),
    ...c.channels.map((ch) => ({ tag: `${c.name}.${ch.name}`, group: Ir.channelGroup(c), key: ch.key.encoded, payload: ch.payload.encoded }))
  ]).sort((a, b) => a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)
  return createHash("sha256").update(Canonical.of({ wire: _wireRevision, surface })).digest("hex").slice(0, 16)
}

const _list = (items: ReadonlyArray<string>, open: string, close: string): string =>
  items.length === 0 ? `${open}${close}` : `${open}\n${items.map((i) => `  ${i}`).join(",\n")}\n${close}`

/** One app-wide file: `n` names a part (`AppLayer<n>`, …); the main file also provides runtimes and the version. */
const _file = (paths: Config.Resolved, target: _Target, content: _Content, main?: { readonly runtimes: ReadonlyArray<_Runtime>; readonly version: string }) => {
  const n = target.id.slice("AppLayer".length)
  const merged = content.layers.length === 0 ? "Layer.empty" : `Layer.mergeAll(\n${content.layers.map((l) => `  ${l}`).join(",\n")}\n)`
  const runtimes = main?.runtimes ?? []
  return Common.generated(paths, {
    path: target.path,
    source: paths.contracts,
    imports: [
      { from: "effect/Layer", namespace: "Layer" },
      ...runtimes.map((r) => ({ from: `effect-contracts/${r.module}`, names: [r.module] })),
      ...content.imports.map((i) => ({ from: i.path, names: [i.id] }))
    ],
    body: [
      ...Printer.doc(main === undefined
        ? [`Part ${n} of \`AppLayer\`, \`AppRpcs\` and \`AppChannels\`.`]
        : ["Every contract's handlers in one layer: the app's main provides a cluster and runs it.", ...runtimes.map((r) => `\`${r.module}.layer\`: ${r.why}.`)]),
      runtimes.length === 0
        ? `export const ${target.id} = ${merged}`
        : `export const ${target.id} = ${merged}.pipe(\n${runtimes.map((r) => `  Layer.provideMerge(${r.module}.layer)`).join(",\n")}\n)`,
      "",
      ...(main === undefined ? [] : Printer.doc([
        "Every public RPC group, keyed by where `Server.layer({ rpcs: AppRpcs })` serves it (`POST /rpc/<key>`): a",
        "contract's RPCs under its name, the subscriptions to its channels under `<name>Channels`."
      ])),
      `export const AppRpcs${n} = ${_list(content.rpcs, "{", "} as const")}`,
      "",
      ...(content.channels.length === 0 ? [] : [
        ...(main === undefined ? [] : Printer.doc(["Every channel's SSE endpoint (`GET /events/<contract>/<Channel>?key=…`), for `Server.layer({ channels })`."])),
        `export const AppChannels${n} = ${_list(content.channels, "[", "] as const")}`,
        ""
      ]),
      ...(main === undefined ? [] : [
        ...Printer.doc([
          "The app's public wire surface as a hash: every public RPC's and channel's tag and wire schemas. A client",
          "sends the version it was built with on connect, so a server of another version can tell it to upgrade."
        ]),
        `export const AppVersion = ${JSON.stringify(main.version)}`
      ])
    ]
  })
}

const _app = (ir: Ir, paths: Config.Resolved): ReadonlyArray<Printer.File> => {
  const runtimes: ReadonlyArray<_Runtime> = [
    ...(ir.contracts.some((c) => c.subscriptions.length > 0 || c.events.length > 0)
      ? [{ module: "Events", why: "the outbox `publish` writes to, and its relay to the subscriptions" }]
      : []),
    ...(ir.contracts.some((c) => c.webhooks.length > 0) ? [{ module: "Webhooks", why: "delivers sent webhooks to their endpoints" }] : []),
    ...(ir.contracts.some((c) => c.channels.length > 0) ? [{ module: "Realtime", why: "the pod's fan-out hub that channel subscribers read from" }] : []),
    ...(ir.contracts.some((c) => c.entities.some((e) => e.state !== undefined))
      ? [{ module: "EntityState", why: "the table stateful entities keep their state in, created on start" }]
      : [])
  ]
  const main = { runtimes, version: version(ir) }
  const contents = ir.contracts.map((c) => _contract(paths, c))
  const single = _file(paths, Paths.app(paths), _concat(contents), main)
  const blocks = contents.map((c) => [...c.layers, ...c.rpcs, ...c.channels, ...c.imports.map((i) => i.id)])
  const runs = Printer.lines(single) <= Printer.maxLines ? [] : Printer.pack(blocks, Printer.maxLines - 24)
  const parts = runs.map((run, i) => ({ target: Paths.appPart(paths, i + 1), content: _concat(contents.filter((_, j) => run.includes(blocks[j]!))) }))
  const spread = (id: string) => `...${id}`
  return parts.length === 0 ? [single] : [
    _file(paths, Paths.app(paths), {
      layers: parts.map((p) => p.target.id),
      rpcs: parts.map((p) => spread(`AppRpcs${p.target.id.slice("AppLayer".length)}`)),
      channels: parts.filter((p) => p.content.channels.length > 0).map((p) => spread(`AppChannels${p.target.id.slice("AppLayer".length)}`)),
      imports: parts.flatMap((p) => {
        const n = p.target.id.slice("AppLayer".length)
        return [p.target, { path: p.target.path, id: `AppRpcs${n}` }, ...(p.content.channels.length > 0 ? [{ path: p.target.path, id: `AppChannels${n}` }] : [])]
      })
    }, main),
    ...parts.map((p) => _file(paths, p.target, p.content))
  ]
}

const emit: Common.Emitter = (ir, paths) => _app(ir, paths)

export const App = { emit, version } as const
