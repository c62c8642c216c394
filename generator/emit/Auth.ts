/**
 * Emits, for a contract whose public RPCs need a principal, `<contract>/Principal.ts` (the tag handlers read
 * the verified caller from) and `<contract>/Auth.ts` (the `RpcMiddleware` those RPCs carry, providing it), and
 * the verifier stub the app implements once. Browser-safe: the client sends tokens through the same middleware.
 */
import type { Config } from "../Config.js"
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

/** Whether codegen emits auth for `c`: it declares `auth` and some public RPC or channel needs a principal. */
const needed = (c: Ir.Contract): c is Ir.Contract & { readonly auth: Ir.Auth } =>
  c.auth !== undefined && (c.rpcs.some((r) => r.auth) || c.channels.some((ch) => ch.auth === "required"))

/** The RPCs and channels that need a principal, as a phrase: "`GetOrder`, `PlaceOrder`, channel `OrderUpdates`". */
const _which = (c: Ir.Contract): string =>
  [
    ...c.rpcs.filter((r) => r.auth).map((r) => `\`${r.name}\``),
    ...c.channels.filter((ch) => ch.auth === "required").map((ch) => `channel \`${ch.name}\``)
  ].join(", ")

const _principal = (paths: Config.Resolved, c: Ir.Contract & { readonly auth: Ir.Auth }): Printer.File => {
  const { id, path } = Paths.principal(paths, c)
  return Common.generated(paths, {
    path,
    source: c.file,
    imports: [{ from: "effect/Context", namespace: "Context" }, { ...Common.contractImport(c), type: true }],
    body: [
      ...Printer.doc([
        `The verified caller of contract \`${c.name}\`, as its verifier proved it from a bearer token.`,
        `Handlers of ${_which(c)} read it with \`yield* ${id}\`; \`${Paths.auth(paths, c).id}\` provides it.`,
        "",
        ...Common.schemaDoc("principal", c.auth.principal)
      ]),
      `export class ${id} extends Context.Tag(${JSON.stringify(`${c.name}/${id}`)})<`,
      `  ${id},`,
      `  typeof ${c.pascal}Contract.auth.principal.Type`,
      ">() {}"
    ]
  })
}

const _middleware = (paths: Config.Resolved, c: Ir.Contract): Printer.File => {
  const { id, path } = Paths.auth(paths, c)
  const principal = Paths.principal(paths, c)
  return Common.generated(paths, {
    path,
    source: c.file,
    imports: [
      { from: "@effect/rpc/RpcMiddleware", namespace: "RpcMiddleware" },
      { from: "effect-contracts/EdgeError", names: ["EdgeError"] },
      { from: principal.path, names: [principal.id] }
    ],
    body: [
      ...Printer.doc([
        `Authentication of contract \`${c.name}\`: the middleware of ${_which(c)}, run before their handlers.`,
        `Server: \`Auth.layer(${id}, ${Paths.verifier(paths, c).id})\` (wired by \`${Paths.layer(paths, c).id}\`) turns the call's bearer`,
        `token into a \`${principal.id}\`, or fails it with \`Unauthorized\`. Client: \`${Paths.client(paths, c).id}.bearer(token)\`.`
      ]),
      `export class ${id} extends RpcMiddleware.Tag<${id}>()(${JSON.stringify(`${c.name}/${id}`)}, {`,
      `  provides: ${principal.id},`,
      "  failure: EdgeError.Unauthorized,",
      "  requiredForClient: true",
      "}) {}"
    ]
  })
}

const _verifier = (paths: Config.Resolved, c: Ir.Contract & { readonly auth: Ir.Auth }): Printer.File => {
  const { id, path } = Paths.verifier(paths, c)
  const auth = Paths.auth(paths, c)
  return Common.stub(paths, {
    path,
    source: c.file,
    imports: [
      { from: "effect-contracts/Auth", names: ["Auth"] },
      { from: "effect-contracts/EdgeError", names: ["EdgeError"] },
      { from: "effect/Effect", namespace: "Effect" },
      { from: auth.path, names: [auth.id] }
    ],
    body: [
      ...Printer.doc([
        `The verifier of contract \`${c.name}\`: a bearer token to the principal it proves, or \`Unauthorized\`.`,
        `It runs on every call of ${_which(c)}: check the token's signature and expiry here.`,
        "Yield the services it needs (keys, a user store) here, then use them below. Until it is implemented,",
        "every call that needs a principal fails with `Unauthorized`.",
        "",
        ...Common.schemaDoc("principal", c.auth.principal)
      ]),
      `export const ${id} = Effect.gen(function*() {`,
      `  return Auth.verifier(${auth.id}, (_token) =>`,
      `    Effect.fail(new EdgeError.Unauthorized({ message: ${Common.todo(paths, `${c.name} verifier`, path)} })))`,
      "})"
    ]
  })
}

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.filter(needed).flatMap((c) => [_principal(paths, c), _middleware(paths, c), _verifier(paths, c)])

export const Auth = { emit, needed } as const
