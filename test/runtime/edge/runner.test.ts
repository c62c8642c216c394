/**
 * The runner-port probe, rerun as a test on a real pod with its cluster secret: a script speaking to the
 * runner port without the proof is dropped unheard and logged, while the pod goes on serving.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Net from "node:net"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Pods } from "../cluster/Pods.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)

/** Connect to `port`, send `bytes`, and tell whether the peer closed the connection and what it answered. */
const _probe = (port: number, bytes: Buffer) =>
  Effect.async<{ readonly closed: boolean; readonly answered: number }>((resume) => {
    const conn = Net.createConnection({ host: "127.0.0.1", port })
    let answered = 0
    conn.on("data", (d: Buffer) => void (answered += d.length))
    conn.on("close", () => resume(Effect.succeed({ closed: true, answered })))
    conn.on("error", () => undefined)
    conn.on("connect", () => conn.write(bytes))
    const timer = setTimeout(() => (conn.destroy(), resume(Effect.succeed({ closed: false, answered }))), 10_000)
    return Effect.sync(() => clearTimeout(timer))
  })

layer(_env, { timeout: "120 seconds", excludeTestServices: true })("the runner port", (it) => {
  it.effect("without the cluster secret, a connection is dropped unheard and logged; the pod serves on", () =>
    Effect.gen(function*() {
      const db = yield* Postgres.database("runner")
      const pod = yield* Pods.start({ name: "a", databaseUrl: db.url })
      yield* Pods.call(pod, "GET", "/readyz", "5 seconds").pipe(Effect.retry(Schedule.spaced("250 millis").pipe(Schedule.upTo("60 seconds"))))
      // What the probe of issue #11 sent: a runner-protocol envelope for a non-public entity RPC.
      const envelope = Buffer.from(JSON.stringify({ _tag: "Request", id: "1", tag: "Probe.Hit", payload: { id: "x" }, headers: [] }))
      const raw = yield* _probe(pod.runnerPort, envelope)
      expect(raw).toStrictEqual({ closed: true, answered: 0 })
      yield* Effect.sync(() => undefined).pipe(
        Effect.zipRight(pod.logs),
        Effect.filterOrFail((logs) => /runner port: dropped a connection from 127\.0\.0\.1:\d+: not a runner of this cluster/.test(logs)),
        Effect.retry(Schedule.spaced("100 millis").pipe(Schedule.upTo("5 seconds")))
      )
      expect(yield* Pods.call(pod, "GET", "/readyz", "5 seconds")).toMatchObject({ status: "up" })
    }).pipe(Effect.scoped))
})
