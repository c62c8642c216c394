/**
 * A/B of pod settings in one run: for each round, a fresh database and 2 pods with variant A's
 * environment, then the same with B's, each under the same generated load; prints msg/s, pod CPU per
 * message and SQL round trips per message, per round and as medians. Diagnostic only (no JSON).
 * Run: `BENCH_AB_A="CLUSTER_MESSAGE_STORAGE=library" BENCH_AB_B="" node --import tsx test/bench/_clusterAb.ts`
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Postgres } from "../../runtime/postgres/Postgres.js"
import { ClusterLatency } from "./_clusterLatency.js"
import { ClusterPods } from "./_clusterPods.js"
import { ClusterSql } from "./_clusterSql.js"

const _env = (spec: string): Record<string, string> =>
  Object.fromEntries(spec.split(",").map((kv) => kv.trim()).filter((kv) => kv.includes("=")).map((kv) => {
    const i = kv.indexOf("=")
    return [kv.slice(0, i), kv.slice(i + 1)]
  }))

const _settings = Config.all({
  a: Config.string("BENCH_AB_A").pipe(Config.withDefault("")),
  b: Config.string("BENCH_AB_B").pipe(Config.withDefault("")),
  rounds: Config.integer("BENCH_ROUNDS").pipe(Config.withDefault(2)),
  seconds: Config.number("BENCH_SECONDS").pipe(Config.withDefault(6)),
  concurrency: Config.integer("BENCH_CONCURRENCY").pipe(Config.withDefault(8)),
  target: Config.literal("generated", "raw")("BENCH_TARGET").pipe(Config.withDefault("generated" as const)),
  /** Also measure same-pod send → handler p50 right after the window (one call at a time), as `npm run bench:cluster`. */
  latency: Config.boolean("BENCH_AB_LATENCY").pipe(Config.withDefault(false))
})

const _Load = Schema.Struct({
  ms: Schema.Number,
  errors: Schema.Number,
  latencies: Schema.Array(Schema.Number),
  sql: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Number }), { default: () => ({}) })
})

/** CPU ms so far of this database's PostgreSQL backends (the pods' pooled connections stay open). */
const _serverCpuMs = (url: string) =>
  ClusterSql.withSql(url, (sql) =>
    sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`).pipe(
      Effect.flatMap((rows) => ClusterPods.cpuMs(rows.map((r) => ({ name: "pg", pid: r.pid, url: () => "", logs: Effect.succeed("") }))))
    )

interface _Result {
  readonly variant: "A" | "B"
  readonly msgPerSec: number
  readonly cpuMsPerMsg: number
  readonly serverMsPerMsg: number
  readonly tripsPerMsg: number
  readonly readsPerMsg: number
  readonly errors: number
  /** Same-pod send → handler p50 after the window (NaN when not measured). */
  readonly afterP50: number
}

const _tables = ClusterSql.withSql

/** One variant: a fresh database, 2 pods with `env`, warm-up, one measured window. */
const _one = (variant: "A" | "B", env: Record<string, string>, s: Config.Config.Success<typeof _settings>, round: number) =>
  Effect.scoped(Effect.gen(function*() {
    const db = yield* Postgres.database(`bench_ab_${variant.toLowerCase()}`)
    yield* _tables(db.url, (sql) =>
      sql`CREATE TABLE IF NOT EXISTS probe_effects (message_id text PRIMARY KEY, pod text NOT NULL,
        attempts int NOT NULL DEFAULT 1, at timestamptz NOT NULL DEFAULT now())`)
    const pods = [
      yield* ClusterPods.start("pod1", db.url, { ...env, BENCH_SQL_COUNT: "1" }),
      yield* ClusterPods.start("pod2", db.url, { ...env, BENCH_SQL_COUNT: "1" })
    ]
    yield* ClusterPods.ready(pods)
    const load = (ms: number, prefix: string) =>
      Effect.forEach(pods, (pod) =>
        ClusterPods.post(pod, `/bench/load?target=${s.target}&ms=${ms}&concurrency=${Math.max(1, s.concurrency / 2)}` +
          `&prefix=${prefix}-${pod.name}&entities=64`, _Load), { concurrency: "unbounded" })
    yield* load(2500, "warm")
    const cpu0 = yield* ClusterPods.cpuMs(pods)
    const server0 = yield* _serverCpuMs(db.url)
    const loads = yield* load(s.seconds * 1000, `r${round}`)
    const cpu = (yield* ClusterPods.cpuMs(pods)) - cpu0
    const server = (yield* _serverCpuMs(db.url)) - server0
    const n = loads.reduce((a, l) => a + l.latencies.length, 0)
    const counts = loads.flatMap((l) => Object.entries(l.sql))
    const after = s.latency
      ? (yield* ClusterLatency.measure({ url: db.url, pods, latencyCalls: 100 }, "generated", "after load")).same.p50
      : Number.NaN
    const result: _Result = {
      variant,
      msgPerSec: n / (Math.max(...loads.map((l) => l.ms)) / 1000),
      cpuMsPerMsg: cpu / n,
      serverMsPerMsg: server / n,
      tripsPerMsg: counts.reduce((a, [, v]) => a + v, 0) / n,
      readsPerMsg: counts.filter(([k]) => k.includes("SET last_read = NOW()") || k.startsWith("SELECT m.id, m.rowid")).reduce((a, [, v]) => a + v, 0) / n,
      errors: loads.reduce((a, l) => a + l.errors, 0),
      afterP50: after
    }
    yield* Console.error(`  round ${round + 1} ${variant}: ${result.msgPerSec.toFixed(0)} msg/s, ${result.cpuMsPerMsg.toFixed(3)} ms CPU/msg`)
    return result
  }))

const _median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2
}

const _row = (label: string, r: Omit<_Result, "variant">) =>
  `| ${label.padEnd(10)} | ${r.msgPerSec.toFixed(0).padStart(6)} | ${r.cpuMsPerMsg.toFixed(3).padStart(8)} | ` +
  `${r.serverMsPerMsg.toFixed(3).padStart(8)} | ` +
  `${r.tripsPerMsg.toFixed(2).padStart(6)} | ${r.readsPerMsg.toFixed(2).padStart(6)} | ${String(r.errors).padStart(6)} | ${r.afterP50.toFixed(2).padStart(8)} |`

const _program = Effect.gen(function*() {
  const s = yield* _settings
  const envs = { A: _env(s.a), B: _env(s.b) } as const
  yield* Console.error(`A: ${JSON.stringify(envs.A)}  B: ${JSON.stringify(envs.B)}`)
  const results = yield* Effect.forEach(Array.from({ length: s.rounds }, (_, r) => r), (r) =>
    Effect.forEach((r % 2 === 0 ? ["A", "B"] : ["B", "A"]) as Array<"A" | "B">, (v) => _one(v, envs[v], s, r)))
  const flat = results.flat()
  const med = (v: "A" | "B") => {
    const mine = flat.filter((x) => x.variant === v)
    return {
      msgPerSec: _median(mine.map((x) => x.msgPerSec)),
      cpuMsPerMsg: _median(mine.map((x) => x.cpuMsPerMsg)),
      serverMsPerMsg: _median(mine.map((x) => x.serverMsPerMsg)),
      tripsPerMsg: _median(mine.map((x) => x.tripsPerMsg)),
      readsPerMsg: _median(mine.map((x) => x.readsPerMsg)),
      errors: mine.reduce((a, x) => a + x.errors, 0),
      afterP50: _median(mine.map((x) => x.afterP50))
    }
  }
  yield* Console.log([
    `A = ${s.a || "(defaults)"}; B = ${s.b || "(defaults)"}; ${s.target}, ${s.concurrency} callers, ${s.seconds} s windows`,
    "pod CPU and PostgreSQL backend CPU in ms per message; SQL round trips and storage-loop table reads per message; " +
      "after p50: same-pod send → handler ms right after the window (BENCH_AB_LATENCY=true)",
    "| run        |  msg/s | pod CPU  | pg CPU   | trips  | reads  | errors | after p50 |",
    "|------------|--------|----------|----------|--------|--------|--------|----------|",
    ...flat.map((x, i) => _row(`r${Math.floor(i / 2) + 1} ${x.variant}`, x)),
    _row("median A", med("A")),
    _row("median B", med("B"))
  ].join("\n"))
})

_program.pipe(
  Effect.provide(Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)),
  NodeRuntime.runMain
)
