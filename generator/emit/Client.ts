/**
 * Emits `<contract>/Client.ts`: a typed client Tag for the public RPCs. Deep imports only, because it
 * ships to browsers; the app supplies the protocol (HTTP or WebSocket) as a Layer.
 */
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.filter((c) => c.rpcs.length > 0).map((c) => {
    const { id, path } = Paths.client(paths, c)
    const rpcs = Paths.rpcs(paths, c)
    return Common.generated(paths, {
      path,
      source: c.file,
      imports: [
        { from: "@effect/rpc/RpcClient", namespace: "RpcClient" },
        { from: "effect/Context", namespace: "Context" },
        { from: "effect/Effect", namespace: "Effect", type: true },
        { from: "effect/Layer", namespace: "Layer" },
        { from: rpcs.path, names: [rpcs.id] }
      ],
      body: [
        `const _make = RpcClient.make(${rpcs.id})`,
        "",
        ...Printer.doc([
          `Typed client of the public RPCs of contract \`${c.name}\`.`,
          "",
          `\`${id}.layer\` needs an \`RpcClient.Protocol\`, e.g. \`RpcClient.layerProtocolSocket()\` over a WebSocket.`
        ]),
        `export class ${id} extends Context.Tag(${JSON.stringify(`${c.name}/${id}`)})<`,
        `  ${id},`,
        "  Effect.Effect.Success<typeof _make>",
        ">() {",
        `  static readonly layer = Layer.scoped(${id}, _make)`,
        "}"
      ]
    })
  })

export const Client = { emit } as const
