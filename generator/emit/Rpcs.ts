/**
 * Emits `<contract>/Rpcs.ts`: one `Rpc.make` per public RPC and the contract's `RpcGroup`, the typed
 * surface both the server handlers and the browser client are built from.
 */
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

/** Lines declaring `_Name = Rpc.make(...)` for an RPC read from `source` (an expression). */
const rpcDefinition = (r: Ir.Rpc, source: string, payload: string): ReadonlyArray<string> => [
  ...Printer.doc(Common.rpcDoc(r)),
  `const _${r.name} = Rpc.make(${JSON.stringify(r.name)}, {`,
  `  payload: ${payload},`,
  `  success: ${source}.success,`,
  `  error: ${source}.error${r.stream || r.primaryKey ? "," : ""}`,
  ...(r.primaryKey ? [`  primaryKey: ${source}.primaryKey${r.stream ? "," : ""}`] : []),
  ...(r.stream ? ["  stream: true"] : []),
  `})${r.persisted ? ".annotate(ClusterSchema.Persisted, true)" : ""}`,
  ""
]

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.filter((c) => c.rpcs.length > 0).map((c) => {
    const { id, path } = Paths.rpcs(paths, c)
    const src = `${c.pascal}Contract.rpcs`
    return Common.generated(paths, {
      path,
      source: c.file,
      imports: [
        { from: "@effect/rpc/Rpc", namespace: "Rpc" },
        { from: "@effect/rpc/RpcGroup", namespace: "RpcGroup" },
        Common.contractImport(c)
      ],
      body: [
        ...c.rpcs.flatMap((r) => rpcDefinition(r, `${src}.${r.name}`, `${src}.${r.name}.payload`)),
        ...Printer.doc([`The public RPCs of contract \`${c.name}\`: served by \`${c.pascal}Layer\`, called through \`${c.pascal}Client\`.`]),
        `export const ${id} = RpcGroup.make(${c.rpcs.map((r) => `_${r.name}`).join(", ")})`,
        "",
        `export declare namespace ${id} {`,
        "  /** One handler per RPC: the stub must implement every one. */",
        `  type Handlers = RpcGroup.HandlersFrom<RpcGroup.Rpcs<typeof ${id}>>`,
        "}"
      ]
    })
  })

export const Rpcs = { emit, rpcDefinition } as const
