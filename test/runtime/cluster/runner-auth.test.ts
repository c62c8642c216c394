/**
 * The runner port with a cluster secret, in one process over real TCP: a runner that proves the secret talks
 * to the runner protocol behind it; a raw connection, a wrong secret or a stale proof is dropped unheard.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Net from "node:net"
import { RunnerAuth } from "../../../runtime/cluster/RunnerAuth.js"

const _secret = Redacted.make("s3cret-of-this-cluster")

/** Echo server behind the proof: what the runner protocol would see. */
const _echo = RunnerAuth.server({ host: "127.0.0.1", port: 0, secret: _secret, proofTimeout: 500 }).pipe(
  Effect.tap((server) =>
    Effect.forkScoped(server.run((socket) =>
      Effect.gen(function*() {
        const write = yield* socket.writer
        yield* socket.run((data) => write(data))
      }).pipe(Effect.scoped))))
)

/** Connect raw, send `bytes`, and report what came back and whether the server closed the connection. */
const _raw = (port: number, bytes: Buffer) =>
  Effect.async<{ readonly echoed: string; readonly closed: boolean }>((resume) => {
    const conn = Net.createConnection({ host: "127.0.0.1", port })
    const received: Array<Buffer> = []
    conn.on("data", (d: Buffer) => received.push(d))
    conn.on("close", () => resume(Effect.succeed({ echoed: Buffer.concat(received).toString(), closed: true })))
    conn.on("error", () => undefined)
    conn.on("connect", () => conn.write(bytes))
    setTimeout(() => (conn.destroy(), resume(Effect.succeed({ echoed: Buffer.concat(received).toString(), closed: false }))), 2_000)
  })

describe("RunnerAuth", () => {
  it.live("a runner proving the secret is heard; raw bytes, a wrong secret and a stale proof are dropped", () =>
    Effect.gen(function*() {
      const server = yield* _echo
      const port = server.address._tag === "TcpAddress" ? server.address.port : 0

      const socket = yield* RunnerAuth.connect({ host: "127.0.0.1", port, secret: _secret, openTimeout: "2 seconds" })
      const write = yield* socket.writer
      const first = yield* Effect.async<string>((resume) => {
        Effect.runFork(socket.run((data) => Effect.sync(() => resume(Effect.succeed(new TextDecoder().decode(data))))))
        Effect.runFork(write(new TextEncoder().encode("hello runner")))
      })
      expect(first).toBe("hello runner")

      const envelope = Buffer.from(JSON.stringify({ _tag: "Request", id: "1", tag: "Cancel", payload: {} }))
      const raw = yield* _raw(port, envelope)
      expect(raw).toStrictEqual({ echoed: "", closed: true })
      const wrong = yield* _raw(port, Buffer.concat([RunnerAuth.proof(Redacted.make("guess"), Date.now()), envelope]))
      expect(wrong).toStrictEqual({ echoed: "", closed: true })
      const stale = yield* _raw(port, Buffer.concat([RunnerAuth.proof(_secret, Date.now() - 10 * 60_000), envelope]))
      expect(stale).toStrictEqual({ echoed: "", closed: true })
      const silent = yield* _raw(port, Buffer.alloc(0))
      expect(silent.closed, "a connection that proves nothing is closed after the proof timeout").toBe(true)
      expect(RunnerAuth.verify(_secret, Buffer.alloc(3), Date.now())).toMatch(/not a runner of this cluster/)
    }).pipe(Effect.scoped))
})
