/**
 * Emits `<contract>/Rpcs.ts`: one `Rpc.make` per public RPC and the contract's `RpcGroup`, the typed
 * surface both the server handlers and the browser client are built from. `group` is shared with entities:
 * RPCs that do not fit in one file go to part files the main file merges.
 */
import type { Config } from "../Config.js"
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import { Auth } from "./Auth.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

type _Target = { readonly path: string; readonly id: string }

/**
 * Lines declaring `_Name = Rpc.make(...)` for an RPC read from `source` (an expression). A primary key travels
 * on the payload (`Contract.keyed`), whatever the payload's shape, so a Class payload reaches handlers as itself.
 * A public RPC (`edge`) may also fail with an `EdgeError`, which its handler may return and its client decodes;
 * one that needs a principal carries the contract's auth middleware (`auth`, its identifier).
 */
const rpcDefinition = (r: Ir.Rpc, source: string, edge: boolean, auth?: _Target): ReadonlyArray<string> => [
  ...Printer.doc([
    ...Common.rpcDoc(r),
    ...(r.auth && auth !== undefined ? ["", `Carries \`${auth.id}\`: called without a verified principal, it fails with \`Unauthorized\`.`] : [])
  ]),
  `const _${r.name} = Rpc.make(${JSON.stringify(r.name)}, {`,
  `  payload: ${r.primaryKey ? `Contract.keyed(${source}.payload, ${source}.primaryKey)` : `${source}.payload`},`,
  `  success: ${source}.success,`,
  `  error: ${edge ? `Schema.Union(${source}.error, EdgeError.schema)` : `${source}.error`}${r.stream ? "," : ""}`,
  ...(r.stream ? ["  stream: true"] : []),
  `})${r.persisted ? ".annotate(ClusterSchema.Persisted, true)" : ""}${r.auth && auth !== undefined ? `.middleware(${auth.id})` : ""}`,
  ""
]

/** What a file of RPC definitions imports. */
const _imports = (c: Ir.Contract, rpcs: ReadonlyArray<Ir.Rpc>, edge: boolean, auth?: _Target): ReadonlyArray<Printer.Import> => [
  { from: "@effect/rpc/Rpc", namespace: "Rpc" },
  ...(edge ? [{ from: "effect/Schema", namespace: "Schema" }, { from: "effect-contracts/EdgeError", names: ["EdgeError"] }] : []),
  ...(rpcs.some((r) => r.persisted) ? [{ from: "@effect/cluster/ClusterSchema", namespace: "ClusterSchema" }] : []),
  ...(rpcs.some((r) => r.primaryKey) ? [{ from: "effect-contracts", names: ["Contract"] }] : []),
  ...(auth !== undefined && rpcs.some((r) => r.auth) ? [{ from: auth.path, names: [auth.id] }] : []),
  Common.contractImport(c)
]

/**
 * The files of one group of RPCs (a contract's public RPCs, an entity's messages). `main` frames the file that
 * lists them (`list` is its argument list): with their definitions inline when it fits the line limit, else
 * spreading the `as const` lists exported by part files (`part(n)`), each holding as many definitions as fit.
 */
const group = (
  paths: Config.Resolved,
  c: Ir.Contract,
  rpcs: ReadonlyArray<Ir.Rpc>,
  edge: boolean,
  source: (r: Ir.Rpc) => string,
  part: (n: number) => _Target,
  main: (content: { readonly imports: ReadonlyArray<Printer.Import>; readonly body: ReadonlyArray<string>; readonly list: string }) => Printer.File,
  auth?: _Target
): ReadonlyArray<Printer.File> => {
  const defs = rpcs.map((r) => rpcDefinition(r, source(r), edge, auth))
  const single = main({ imports: _imports(c, rpcs, edge, auth), body: defs.flat(), list: rpcs.map((r) => `_${r.name}`).join(", ") })
  const runs = Printer.lines(single) <= Printer.maxLines ? [] : Printer.pack(defs, Printer.maxLines - 16)
  const parts = runs.map((run, i) => {
    const target = part(i + 1)
    const mine = rpcs.filter((_, j) => run.includes(defs[j]!))
    return Common.generated(paths, {
      path: target.path,
      source: c.file,
      imports: _imports(c, mine, edge, auth),
      body: [
        ...run.flat(),
        ...Printer.doc([`Part ${i + 1} of ${runs.length}: ${mine.map((r) => `\`${r.name}\``).join(", ")}.`]),
        `export const ${target.id} = [${mine.map((r) => `_${r.name}`).join(", ")}] as const`
      ]
    })
  })
  const targets = runs.map((_, i) => part(i + 1))
  return parts.length === 0
    ? [single]
    : [main({ imports: targets.map((t) => ({ from: t.path, names: [t.id] })), body: [], list: targets.map((t) => `...${t.id}`).join(", ") }), ...parts]
}

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.filter((c) => c.rpcs.length > 0).flatMap((c) => {
    const { id, path } = Paths.rpcs(paths, c)
    return group(paths, c, c.rpcs, true, (r) => `${c.pascal}Contract.rpcs.${r.name}`, (n) => Paths.rpcsPart(paths, c, n), ({ body, imports, list }) =>
      Common.generated(paths, {
        path,
        source: c.file,
        imports: [{ from: "@effect/rpc/RpcGroup", namespace: "RpcGroup" }, ...imports],
        body: [
          ...body,
          ...Printer.doc([
            `The public RPCs of contract \`${c.name}\`: served by \`${c.pascal}Layer\`, called through \`${c.pascal}Client\`.`,
            "Each may also fail with an `EdgeError` (`Unavailable`, `RequestInvalid`, …), which its error schema includes.",
            ...(Auth.needed(c) && c.rpcs.some((r) => r.auth) ? [`Those that need a verified principal carry \`${Paths.auth(paths, c).id}\`.`] : [])
          ]),
          `export const ${id} = RpcGroup.make(${list})`,
          "",
          `export declare namespace ${id} {`,
          "  /** One handler per RPC: the stub must implement every one. */",
          `  type Handlers = RpcGroup.HandlersFrom<RpcGroup.Rpcs<typeof ${id}>>`,
          "}"
        ]
      }), Auth.needed(c) ? Paths.auth(paths, c) : undefined)
  })

export const Rpcs = { emit, rpcDefinition, group } as const
