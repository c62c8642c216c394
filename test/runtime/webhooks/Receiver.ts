/**
 * A real local webhook receiver for tests: a node:http server on a free port whose paths behave as told
 * (fail K times then succeed, hang, answer 410, succeed), recording every request with its arrival time
 * and whether its Standard Webhooks signature verified against the endpoint's secret.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { createServer } from "node:http"
import type { IncomingHttpHeaders, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Webhooks } from "../../../runtime/webhooks/Webhooks.js"

export type Behavior =
  | { readonly _tag: "Ok" }
  | { readonly _tag: "FailTimes"; readonly times: number; readonly status: number }
  | { readonly _tag: "Hang" }
  | { readonly _tag: "Gone" }

export interface Received {
  readonly path: string
  readonly at: number
  readonly id: string
  readonly body: string
  readonly verified: boolean
  readonly answered: number | "hung"
}

const _header = (headers: IncomingHttpHeaders, name: string) => String(headers[name] ?? "")

/** Start a receiver; it is closed (hung connections too) when the scope closes. */
export const make = Effect.acquireRelease(
  Effect.async<Receiver>((resume) => {
    const behaviors = new Map<string, Behavior>()
    const secrets = new Map<string, string>()
    const received: Array<Received> = []
    const answer = (res: ServerResponse, status: number) => res.writeHead(status, { "content-type": "text/plain" }).end(`status ${status}`)
    const server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        const path = req.url ?? "/"
        const body = Buffer.concat(chunks).toString("utf8")
        const verified = Either.isRight(Effect.runSync(Effect.either(Webhooks.verify({
          secret: secrets.get(path) ?? "",
          headers: req.headers,
          body
        }))))
        const behavior = behaviors.get(path) ?? { _tag: "Ok" }
        const failed = received.filter((r) => r.path === path && r.answered !== 200).length
        const status = behavior._tag === "Hang"
          ? "hung" as const
          : behavior._tag === "Gone"
          ? 410
          : behavior._tag === "FailTimes" && failed < behavior.times
          ? behavior.status
          : 200
        received.push({ path, at: Date.now(), id: _header(req.headers, "webhook-id"), body, verified, answered: status })
        return status === "hung" ? undefined : answer(res, status)
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port
      resume(Effect.succeed({
        url: (path: string) => `http://127.0.0.1:${port}${path}`,
        behave: (path, behavior, secret) => {
          behaviors.set(path, behavior)
          return secret === undefined ? undefined : void secrets.set(path, secret)
        },
        requests: (path) => received.filter((r) => r.path === path),
        close: () => {
          server.closeAllConnections()
          server.close()
        }
      }))
    })
  }),
  (receiver) => Effect.sync(() => receiver.close())
)

export interface Receiver {
  readonly url: (path: string) => string
  /** Set how `path` answers from now on, and the secret its requests must be signed with. */
  readonly behave: (path: string, behavior: Behavior, secret?: string) => void
  readonly requests: (path: string) => ReadonlyArray<Received>
  readonly close: () => void
}
