/**
 * The flood probe, rerun as a test on two real pods of the example app over one PostgreSQL: a single POST of
 * 10,000 NDJSON lines and 200 concurrent connections at pod a. Each gets a typed answer; pod a keeps its
 * shards throughout (no shard ever has two owners), keeps answering /livez, and its RSS returns near baseline.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { expect, layer } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { readFileSync } from "node:fs"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Pods } from "../cluster/Pods.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)

/** Resident memory of a process, in MB. */
const _rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "0") / 1024

/** The shards a pod holds now, from its `/context` ranges (`default:1-75,151-225`). */
const _shards = (pod: Pods.Pod) =>
  Pods.call(pod, "GET", "/context", "5 seconds").pipe(
    Effect.map((c) => String((c as { readonly ranges?: unknown }).ranges ?? "")),
    Effect.map((ranges) =>
      new Set(ranges.split(" ").flatMap((group) => {
        const [name, list = ""] = group.split(":")
        return list.split(",").filter((r) => r !== "").flatMap((r) => {
          const [from = 0, to = from] = r.split("-").map(Number)
          return Array.from({ length: to - from + 1 }, (_, i) => `${name}:${from + i}`)
        })
      }))
    )
  )

const _line = (i: number) =>
  JSON.stringify({ _tag: "Request", id: String(i), tag: "GetOrder", payload: { tenantId: "t_acme", orderId: `ord_${i}` }, headers: [] })

const _post = (pod: Pods.Pod, body: string) =>
  Effect.tryPromise(() =>
    fetch(pod.url("/rpc/orders"), { method: "POST", headers: { "content-type": "application/ndjson" }, body }).then(async (r) => ({ status: r.status, text: await r.text() }))
  )

layer(_env, { timeout: "240 seconds", excludeTestServices: true })("a flooded pod", (it) => {
  it.effect("answers a 10,000-line request and 200 connections typed, keeps its shards, /livez and its memory", () =>
    Effect.gen(function*() {
      const db = yield* Postgres.database("flood")
      const [a, b] = yield* Effect.all([
        Pods.start({ name: "a", databaseUrl: db.url, script: "examples/pod.ts" }),
        Pods.start({ name: "b", databaseUrl: db.url, script: "examples/pod.ts" })
      ], { concurrency: 2 })
      const settled = Effect.all([_shards(a!), _shards(b!)]).pipe(
        Effect.filterOrFail(([x, y]) => x.size > 0 && y.size > 0 && x.size + y.size === 300, () => new Error("shards not settled")),
        Effect.retry(Schedule.spaced("250 millis").pipe(Schedule.upTo("90 seconds")))
      )
      const [ownedA] = yield* settled
      // Warm the path (JIT, pools, fibers) before the baseline: what must return is the warmed pod's memory.
      yield* Effect.all(Array.from({ length: 50 }, (_, i) => _post(a!, `${_line(i)}\n`)), { concurrency: "unbounded" })
      yield* Effect.sleep("2 seconds")
      const baseline = _rssMb(a!.pid)

      // While flooding: who owns what, every 100 ms; and how long /livez takes.
      const overlaps: Array<number> = []
      const livez: Array<number> = []
      const watch = yield* Effect.gen(function*() {
        const [x, y] = yield* Effect.all([_shards(a!), _shards(b!)], { concurrency: 2 })
        overlaps.push([...x].filter((s) => y.has(s)).length)
        const t0 = yield* Clock.currentTimeMillis
        yield* Pods.call(a!, "GET", "/livez", "10 seconds")
        livez.push((yield* Clock.currentTimeMillis) - t0)
      }).pipe(Effect.ignore, Effect.repeat(Schedule.spaced("100 millis")), Effect.fork)

      const logsBefore = (yield* a!.logs).length
      const t0 = yield* Clock.currentTimeMillis
      const big = yield* _post(a!, Array.from({ length: 10_000 }, (_, i) => _line(i)).join("\n"))
      const bigMs = (yield* Clock.currentTimeMillis) - t0
      const t1 = yield* Clock.currentTimeMillis
      const many = yield* Effect.all(Array.from({ length: 200 }, (_, i) => _post(a!, `${_line(i)}\n`)), { concurrency: "unbounded" })
      const manyMs = (yield* Clock.currentTimeMillis) - t1
      const peak = _rssMb(a!.pid)
      yield* Effect.sleep("3 seconds")
      yield* Fiber.interrupt(watch)
      const after = _rssMb(a!.pid)
      const [stillA] = yield* Effect.all([_shards(a!), _shards(b!)])
      const released = (yield* a!.logs).slice(logsBefore).split("\n").filter((l) => /Released \d+ shard/.test(l))

      console.log([
        `flood of pod a (${ownedA.size} shards):`,
        `  one POST of 10,000 GetOrder lines: HTTP ${big.status} in ${bigMs} ms (${big.text.split("\n").filter((l) => l.includes("RequestInvalid")).length} typed RequestInvalid answers)`,
        `  200 concurrent connections: ${many.filter((r) => r.status === 200).length}× 200, ${many.filter((r) => r.status === 429).length}× 429 in ${manyMs} ms`,
        `  RSS: ${baseline.toFixed(0)} MB before, ${peak.toFixed(0)} MB at the end of the flood, ${after.toFixed(0)} MB 3 s later`,
        `  shards owned by both pods at once: max ${Math.max(0, ...overlaps)} over ${overlaps.length} samples; shard releases logged by a during the flood: ${released.length}`,
        `  /livez during the flood: max ${Math.max(0, ...livez)} ms over ${livez.length} probes`
      ].join("\n"))

      expect(big.status, "too many RPCs in one request: refused, typed").toBe(413)
      expect(many.every((r) => r.status === 200 || r.status === 429), "each connection answered").toBe(true)
      expect(many.every((r) => !/"Die"|"Defect"/.test(r.text)), "no defects").toBe(true)
      expect(Math.max(0, ...overlaps), "no shard ever had two owners").toBe(0)
      expect(released, "pod a never lost its shard locks").toStrictEqual([])
      expect(stillA.size).toBe(ownedA.size)
      expect(after, "RSS back within 20 % of baseline").toBeLessThanOrEqual(baseline * 1.2)
    }).pipe(Effect.scoped))
})
