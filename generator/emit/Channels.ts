/**
 * Emits `<contract>/Channels.ts` for a contract with realtime channels: each channel (`Realtime.channel`), the
 * group of streaming RPCs subscribing to them (tags `<contract>.<Channel>`), the layer serving that group, and
 * the SSE endpoints (`Realtime.expose`), both gated by the contract's auth middleware and each channel's `allow`.
 * Definitions that do not fit beside them go to part files under `<contract>/channels/`.
 */
import type { Config } from "../Config.js"
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

const _tag = (c: Ir.Contract, ch: Ir.Channel): string => JSON.stringify(`${c.name}.${ch.name}`)
const _required = (c: Ir.Contract): ReadonlyArray<Ir.Channel> => c.auth === undefined ? [] : c.channels.filter((ch) => ch.auth === "required")

/** One channel's doc, its `Realtime.channel` and its streaming RPC, read from `_c` (the contract's channels). */
const _definition = (paths: Config.Resolved, c: Ir.Contract, ch: Ir.Channel): ReadonlyArray<string> => {
  const auth = ch.auth === "required" && c.auth !== undefined ? Paths.auth(paths, c).id : undefined
  return [
    ...Printer.doc([
      ...(ch.doc === undefined ? [] : [ch.doc, ""]),
      ...Common.schemaDoc("key", ch.key),
      ...Common.schemaDoc("payload", ch.payload),
      "",
      auth === undefined
        ? "Anyone may subscribe."
        : `Subscribers need a verified principal (\`${auth}\`) that the contract's \`allow\` lets through.`
    ]),
    `const _${ch.name} = Realtime.channel({`,
    `  contract: ${JSON.stringify(c.name)},`,
    `  name: ${JSON.stringify(ch.name)},`,
    `  key: _c.${ch.name}.key,`,
    `  payload: _c.${ch.name}.payload`,
    "})",
    "",
    ...Printer.doc([`Subscribe to \`${ch.name}\` over RPC: the messages of \`key\` after \`cursor\` (a message's cursor), else from now.`]),
    `const _${ch.name}Rpc = Rpc.make(${_tag(c, ch)}, {`,
    `  payload: { key: _c.${ch.name}.key, cursor: Schema.optional(Schema.String) },`,
    `  success: _${ch.name}.item,`,
    "  error: EdgeError.schema,",
    "  stream: true",
    "})",
    ""
  ]
}

const _imports = (c: Ir.Contract): ReadonlyArray<Printer.Import> => [
  { from: "@effect/rpc/Rpc", namespace: "Rpc" },
  { from: "effect/Schema", namespace: "Schema" },
  { from: "effect-contracts/EdgeError", names: ["EdgeError"] },
  { from: "effect-contracts/Realtime", names: ["Realtime"] },
  Common.contractImport(c)
]

/** The group's RPCs: those of channels that need a principal carry the contract's auth middleware. */
const _group = (paths: Config.Resolved, c: Ir.Contract): string => {
  const required = new Set(_required(c))
  const rpcs = c.channels.map((ch) => `_${ch.name}Rpc${required.has(ch) ? `.middleware(${Paths.auth(paths, c).id})` : ""}`)
  return rpcs.join(", ").length > 80 ? `\n  ${rpcs.join(",\n  ")}\n` : rpcs.join(", ")
}

/** Helpers checking `allow` for the RPC handlers (`_allowed`) and for SSE subscribers (`_authorize`). */
const _helpers = (paths: Config.Resolved, c: Ir.Contract): ReadonlyArray<string> => {
  const principal = Paths.principal(paths, c).id
  const type = `typeof ${principal}.Service`
  return [
    ...Printer.doc([`Whether the verified caller may subscribe to \`key\`: the channel's \`allow\`.`]),
    `const _allowed = <K>(allow: (key: K, principal: ${type}) => boolean, key: K) =>`,
    `  Effect.map(${principal}, (principal) => allow(key, principal))`,
    "",
    ...Printer.doc([
      `An SSE subscriber's check: \`${Paths.auth(paths, c).id}\` turns its headers into a principal (else \`Unauthorized\`),`,
      "then the channel's `allow` decides (else `Forbidden`)."
    ]),
    `const _authorize = <K>(rpc: Rpc.AnyWithProps, allow: (key: K, principal: ${type}) => boolean) =>`,
    "(key: K, headers: Headers.Headers) =>",
    "  Effect.gen(function*() {",
    `    const authenticate = yield* ${Paths.auth(paths, c).id}`,
    "    const principal = yield* authenticate({ headers, clientId: 0, rpc, payload: { key } })",
    "    return yield* allow(key, principal)",
    "      ? Effect.void",
    "      : Effect.fail(new EdgeError.Forbidden({ message: `not allowed to subscribe to ${rpc._tag} with this key` }))",
    "  })",
    ""
  ]
}

/** Channels whose definitions do not fit beside the group go to part files, each exporting its channels and RPCs. */
const _parts = (paths: Config.Resolved, c: Ir.Contract, defs: ReadonlyArray<ReadonlyArray<string>>) => {
  const runs = Printer.pack(defs, Printer.maxLines - 16)
  return runs.map((run, i) => {
    const target = Paths.channelsPart(paths, c, i + 1)
    const mine = c.channels.filter((_, j) => run.includes(defs[j]!))
    const file = Common.generated(paths, {
      path: target.path,
      source: c.file,
      imports: _imports(c),
      body: [
        `const _c = ${c.pascal}Contract.channels`,
        "",
        ...run.flat(),
        ...Printer.doc([`Part ${i + 1} of ${runs.length} of \`${Paths.channels(paths, c).id}\`: ${mine.map((ch) => `\`${ch.name}\``).join(", ")}.`]),
        `export const ${target.id} = {`,
        ...mine.map((ch, j) => `  ${ch.name}: { channel: _${ch.name}, rpc: _${ch.name}Rpc }${j === mine.length - 1 ? "" : ","}`),
        "} as const"
      ]
    })
    const line = `const {\n${mine.map((ch) => `  ${ch.name}: { channel: _${ch.name}, rpc: _${ch.name}Rpc }`).join(",\n")}\n} = ${target.id}`
    return { target, file, line }
  })
}

const _module = (paths: Config.Resolved, c: Ir.Contract, split: boolean): ReadonlyArray<Printer.File> => {
  const ids = { channels: Paths.channels(paths, c), rpcs: Paths.channelRpcs(paths, c), layer: Paths.channelsLayer(paths, c) }
  const exposed = Paths.channelsExposed(paths, c)
  const required = _required(c)
  const defs = c.channels.map((ch) => _definition(paths, c, ch))
  const parts = split ? _parts(paths, c, defs) : []
  const last = (i: number) => i === c.channels.length - 1 ? "" : ","
  const main = Common.generated(paths, {
    path: ids.channels.path,
    source: c.file,
    imports: [
      ...(split ? [Common.contractImport(c)] : _imports(c)),
      { from: "@effect/rpc/RpcGroup", namespace: "RpcGroup" },
      { from: "effect/Effect", namespace: "Effect" },
      { from: "effect-contracts/Realtime", names: ["Realtime"] },
      ...(required.length > 0
        ? [
          { from: "@effect/platform/Headers", namespace: "Headers", type: true },
          ...(split ? [{ from: "@effect/rpc/Rpc", namespace: "Rpc", type: true }] : []),
          { from: "effect-contracts/EdgeError", names: ["EdgeError"] },
          { from: Paths.auth(paths, c).path, names: [Paths.auth(paths, c).id] },
          { from: Paths.principal(paths, c).path, names: [Paths.principal(paths, c).id] }
        ]
        : []),
      ...parts.map((p) => ({ from: p.target.path, names: [p.target.id] }))
    ],
    body: [
      `const _c = ${c.pascal}Contract.channels`,
      "",
      ...(split ? [...parts.map((p) => p.line), ""] : defs.flat()),
      ...(required.length > 0 ? _helpers(paths, c) : []),
      ...Printer.doc([
        `The realtime channels of contract \`${c.name}\`. A handler publishes in its SQL transaction, delivered on commit:`,
        `\`${ids.channels.id}.${c.channels[0]!.name}.publish(key, payload)\`; a server-side reader follows one with \`.subscribe(key)\`.`
      ]),
      `export const ${ids.channels.id} = {`,
      ...c.channels.map((ch, i) => `  ${ch.name}: _${ch.name}${last(i)}`),
      "} as const",
      "",
      ...Printer.doc([
        `The subscriptions to the channels of \`${c.name}\` as streaming RPCs (tags \`${c.name}.<Channel>\`), served by \`${ids.layer.id}\`:`,
        `\`AppRpcs\` serves them as the group \`${c.name}Channels\`. Each may fail with an \`EdgeError\` (\`Forbidden\`, \`Unavailable\`, …).`
      ]),
      `export const ${ids.rpcs.id} = RpcGroup.make(${_group(paths, c)})`,
      "",
      ...Printer.doc([`Serves \`${ids.rpcs.id}\`: needs \`Realtime.Hub\` (\`Realtime.layer\`, which \`AppLayer\` provides).`]),
      `export const ${ids.layer.id} = ${ids.rpcs.id}.toLayer({`,
      ...c.channels.map((ch, i) =>
        `  ${_tag(c, ch)}: ({ cursor, key }) =>\n    Realtime.serve(_${ch.name}, { key, cursor }, ${
          ch.auth === "required" && c.auth !== undefined ? `_allowed(_c.${ch.name}.allow, key)` : "Effect.succeed(true)"
        })${last(i)}`
      ),
      "})",
      "",
      ...Printer.doc([`The SSE endpoints of the channels of \`${c.name}\` (\`GET /events/${c.name}/<Channel>?key=…\`): \`AppChannels\` lists them.`]),
      `export const ${exposed.id} = [`,
      ...c.channels.map((ch, i) =>
        `  Realtime.expose(_${ch.name}, ${
          ch.auth === "required" && c.auth !== undefined ? `_authorize(_${ch.name}Rpc, _c.${ch.name}.allow)` : "() => Effect.void"
        })${last(i)}`
      ),
      "] as const"
    ]
  })
  return [main, ...parts.map((p) => p.file)]
}

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.filter((c) => c.channels.length > 0).flatMap((c) => {
    const whole = _module(paths, c, false)
    return whole.every((f) => Printer.lines(f) <= Printer.maxLines) ? whole : _module(paths, c, true)
  })

export const Channels = { emit } as const
