/**
 * The HTTP transport behind a proxy whose server is gone: a 502/503/504 answer is the server being unreachable,
 * as a failed `fetch` is — the state goes `reconnecting`, an idempotent call is sent again once the server
 * answers and gets its answer, any other call fails with `Unavailable { outcome: "unknown" }`. The server here
 * is a stand-in for the proxy: 503 on every path while `down` is set, else `/livez` and echoed calls.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { Client } from "effect-contracts/Client"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { Pods } from "../cluster/Pods.js"
import { ShopApp } from "./Shop.js"

/** A request line as the client sends it. */
type _Request = { readonly id: string; readonly payload: { readonly text?: string; readonly id?: string } }

/** Every path is 503 (refused calls are counted) while `down.value`; else `/livez` is 200 and each call's answer its payload's text. */
const _standIn = (down: { value: boolean; refused: number }) => (request: IncomingMessage, response: ServerResponse) => {
  const body: Array<Buffer> = []
  request.on("data", (chunk: Buffer) => body.push(chunk))
  request.on("end", () => {
    const gone = down.value
    down.refused += gone && request.url === "/rpc/shop" ? 1 : 0
    const lines = Buffer.concat(body).toString("utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as _Request)
    const answers = lines.map((r) => JSON.stringify({ _tag: "Exit", requestId: r.id, exit: { _tag: "Success", value: r.payload.text ?? `held ${r.payload.id}` } }))
    gone
      ? response.writeHead(503, { "content-type": "text/html" }).end("<h1>503 Service Unavailable</h1>")
      : response.writeHead(200, { "content-type": "application/x-ndjson" }).end(answers.map((a) => `${a}\n`).join(""))
  })
}

/** Wait until `count` requests were refused (a condition, never a delay). */
const _refused = (down: { readonly refused: number }, count: number) =>
  Effect.sync(() => down.refused).pipe(Effect.repeat({ until: (n) => n >= count, schedule: Schedule.spaced("10 millis") }))

describe("the HTTP transport behind a proxy", () => {
  it.live("takes 502/503/504 for an unreachable server: reconnecting, idempotent calls replayed, others `unknown`", () =>
    Effect.gen(function*() {
      const port = yield* Pods.freePort
      const down = { value: false, refused: 0 }
      yield* Effect.acquireRelease(
        Effect.async<ReturnType<typeof createServer>>((resume) => {
          const server = createServer(_standIn(down))
          server.listen(port, "127.0.0.1", () => resume(Effect.succeed(server)))
        }),
        (server) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
      )
      const client = yield* Client.make({
        url: `http://127.0.0.1:${port}`,
        transport: "http",
        groups: ShopApp.ClientRpcs,
        idempotent: ["HoldAgain"],
        reconnect: { base: "20 millis", max: "100 millis" }
      })
      const states = yield* Ref.make<ReadonlyArray<Client.State>>([])
      yield* client.state.changes.pipe(Stream.runForEach((s) => Ref.update(states, (all) => [...all, s])), Effect.forkScoped)

      expect(yield* client.shop.Echo({ text: "before" })).toBe("before")
      down.value = true
      const once = yield* Effect.fork(Effect.flip(client.shop.Hold({ id: "once" })))
      const again = yield* Effect.fork(client.shop.HoldAgain({ id: "again" }))
      expect(yield* Fiber.join(once), "not idempotent: it may have run").toMatchObject({ _tag: "Unavailable", outcome: "unknown" })
      yield* _refused(down, 2)
      down.value = false
      expect(yield* Fiber.join(again), "idempotent: sent again once the server answers").toBe("held again")
      expect(yield* client.shop.Echo({ text: "after" })).toBe("after")
      expect(yield* Ref.get(states)).toEqual(["connecting", "open", "reconnecting", "open"])
      expect(yield* client.state.get).toBe("open")
    }).pipe(Effect.scoped), 60_000)
})
