/**
 * The README's first command, smoke-tested: `examples/demo.ts` as a real process starts PostgreSQL and two
 * pods, tours them over HTTP (and a tenant's channels over SSE) and exits 0, leaving no pod and no PostgreSQL
 * server behind.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { createConnection } from "node:net"
import { Scratch } from "../support/Scratch.js"

/** Signal 0 checks that a process exists without touching it. */
const _alive = (pid: number) => Effect.isSuccess(Effect.try(() => process.kill(pid, 0)))

const _listening = (port: number) =>
  Effect.async<boolean>((resume) => {
    const socket = createConnection({ host: "127.0.0.1", port })
    socket.once("connect", () => (socket.destroy(), resume(Effect.succeed(true))))
    socket.once("error", () => (socket.destroy(), resume(Effect.succeed(false))))
  })

/** Every match of `pattern` (global) in `text`, as its capture groups. */
const _all = (text: string, pattern: RegExp) => Array.from(text.matchAll(pattern), (m) => m.slice(1))

describe("demo", () => {
  it.live("runs the app as two pods on PostgreSQL: orders on both pods, their changes over SSE, a cron tick, health; exits 0 and cleans up", () =>
    Effect.gen(function*() {
      const run = yield* Scratch.exec(process.execPath, ["--import", "tsx", "examples/demo.ts"], Scratch.root)
      const out = run.stdout
      expect(run.status, `${out}\n${run.stderr}`).toBe(0)

      const single = _all(out, /→ Order entity on (pod-[ab]), shard default:\d+ +✓ placed/g).map(([pod]) => pod)
      const bulk = /their Order entities ran (\d+) on pod-a, (\d+) on pod-b/.exec(out)
      expect(bulk, out).not.toBeNull()
      const onA = single.filter((p) => p === "pod-a").length + Number(bulk?.[1])
      const onB = single.filter((p) => p === "pod-b").length + Number(bulk?.[2])
      expect(onA + onB, "every placed order was seen in its handler's log").toBe(single.length + 24)
      expect(onA, "pod-a handled orders").toBeGreaterThan(0)
      expect(onB, "pod-b handled orders").toBeGreaterThan(0)

      expect(out).toMatch(/✓ charged 53\.73 EUR \(payment pay_2001\); the workflow ran on pod-[ab]/)
      expect(out).toMatch(/✗ CheckoutFailed: .*payment_declined/)

      // Step 4: pod-a's SSE streams got every t_acme change in order, whichever pod took the call; a resume has no gap.
      const updates = _all(out, /^ {4}(\S+\.(\d+)) +(t_acme\/ord_\d+) +(placed|cancelled) /gm)
      expect(updates.map(([, seq, order, status]) => `${seq} ${order} ${status}`)).toStrictEqual([
        "1 t_acme/ord_1001 placed",
        "2 t_acme/ord_1002 placed",
        "3 t_acme/ord_2001 placed",
        "4 t_acme/ord_4001 placed",
        "5 t_acme/ord_4002 placed",
        "6 t_acme/ord_4002 cancelled"
      ])
      expect(_all(out, /^ {4}(payment_declined|order_cancelled) +ord_4002: /gm).flat().sort()).toStrictEqual(["order_cancelled", "payment_declined"])
      const [, , , , fifth, sixth] = updates.map(([cursor]) => cursor)
      expect(out).toContain(`Last-Event-ID ${updates[3]?.[0]} gets ${fifth}, ${sixth}: nothing missed, nothing twice`)
      expect(out).toMatch(/with key=t_globex: 403 /)
      expect(_all(out, /\d\d:\d\d:\d\d\.\d+ on pod-[ab]: ExpireStaleCarts:/g)).toHaveLength(2)
      expect(_all(out, /runs singleton\(s\): (.+)/g).flatMap(([s]) => s?.split(", ") ?? []).filter((s) => s !== "none").sort())
        .toStrictEqual(["notifications.DigestSender", "orders.OrderIndexer"])
      for (const pod of ["pod-a", "pod-b"]) {
        expect(out).toMatch(new RegExp(`${pod} up\\n +database +up .*\\n +cluster +up .*shards \\d+, registered true, runners 2`))
      }
      expect(out).toMatch(/Demo done in [\d.]+ s\./)

      const pids = _all(out, /\(cluster runner [\d.:]+, pid (\d+)\)/g).map(([pid]) => Number(pid))
      expect(pids).toHaveLength(2)
      expect(yield* Effect.filter(pids, _alive), "pod processes left running").toStrictEqual([])
      const pgPort = Number(/@127\.0\.0\.1:(\d+)\/demo_/.exec(out)?.[1])
      expect(yield* _listening(pgPort), "PostgreSQL still listening").toBe(false)
    }).pipe(Effect.provide(NodeContext.layer)), { timeout: 120_000 })
})
