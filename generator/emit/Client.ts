/**
 * Emits `<contract>/Client.ts`: a typed client Tag for the public RPCs of one contract, for Effect code that
 * supplies the protocol (HTTP or WebSocket) as a Layer and, when some RPC needs a principal, the bearer token
 * its calls carry; and, through `AppClient`, the app's browser client (`Client.ts`: `makeClient`,
 * `connectClient`), one connection for every contract. Deep imports only, because both ship to browsers.
 */
import { Printer } from "../print/Printer.js"
import { AppClient } from "./app/AppClient.js"
import { Auth } from "./Auth.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

const _contract: Common.Emitter = (ir, paths) =>
  ir.contracts.filter((c) => c.rpcs.length > 0).map((c) => {
    const { id, path } = Paths.client(paths, c)
    const rpcs = Paths.rpcs(paths, c)
    const auth = Auth.needed(c) && c.rpcs.some((r) => r.auth) ? Paths.auth(paths, c) : undefined
    return Common.generated(paths, {
      path,
      source: c.file,
      imports: [
        { from: "@effect/rpc/RpcClient", namespace: "RpcClient" },
        { from: "effect/Context", namespace: "Context" },
        { from: "effect/Effect", namespace: "Effect", type: true },
        { from: "effect/Layer", namespace: "Layer" },
        { from: rpcs.path, names: [rpcs.id] },
        ...(auth === undefined ? [] : [{ from: "effect-contracts/Auth", names: ["Auth"] }, { from: auth.path, names: [auth.id] }])
      ],
      body: [
        `const _make = RpcClient.make(${rpcs.id})`,
        "",
        ...Printer.doc([
          `Typed client of the public RPCs of contract \`${c.name}\`.`,
          "",
          `\`${id}.layer\` needs an \`RpcClient.Protocol\`, e.g. \`RpcClient.layerProtocolSocket()\` over a WebSocket.`,
          ...(auth === undefined ? [] : [
            `Some RPCs need a verified principal: \`${id}.bearer(token)\` sends \`authorization: Bearer <token>\` with`,
            `every call (or provide \`Auth.client(${auth.id}, token)\` to \`${id}.layer\`).`
          ])
        ]),
        `export class ${id} extends Context.Tag(${JSON.stringify(`${c.name}/${id}`)})<`,
        `  ${id},`,
        "  Effect.Effect.Success<typeof _make>",
        ">() {",
        `  static readonly layer = Layer.scoped(${id}, _make)`,
        ...(auth === undefined ? [] : [
          "  /** `layer` whose calls carry the bearer token `token` reads, per call (`undefined`: none). */",
          "  static readonly bearer = <R = never>(token: Effect.Effect<string | undefined, never, R>) =>",
          `    Layer.provide(Layer.scoped(${id}, _make), Auth.client(${auth.id}, token))`
        ]),
        "}"
      ]
    })
  })

const emit: Common.Emitter = (ir, paths) => [..._contract(ir, paths), ...AppClient.emit(ir, paths)]

export const Client = { emit } as const
