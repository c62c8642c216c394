/**
 * JOBS-01 on one pod against a real PostgreSQL (the cluster's own storage, socket runner): jobs are
 * persisted entity messages that run once per id, `run` returns typed results, bad payloads are refused
 * before anything is stored, poison jobs are dead-lettered without blocking their mailbox, and a keepAlive
 * job outlives its entity's idle time.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { ClusterConfig } from "../../../runtime/cluster/ClusterConfig.js"
import { Jobs } from "../../../runtime/jobs/Jobs.js"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Pods } from "../cluster/Pods.js"
import { TestJobs } from "./TestJobs.js"

const _cluster = Layer.unwrapEffect(Effect.map(Pods.freePort, (runnerPort) =>
  Cluster.layer({ ...ClusterConfig.defaults, storage: "postgres", runnerPort, listenHost: Option.none() })))

const _env = TestJobs.layer.pipe(
  Layer.provideMerge(_cluster),
  Layer.provideMerge(Layer.effectDiscard(TestJobs.tables)),
  Layer.provideMerge(Postgres.layerClient)
)

/** Wait (polling every 100 ms, at most 30 s) until `check` holds for the runs of `job`. */
const _until = (job: string, check: (runs: ReadonlyArray<{ readonly job_id: string }>) => boolean) =>
  TestJobs.runs(job).pipe(
    Effect.filterOrFail(check, () => "not yet"),
    Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 300 }),
    Effect.orDie
  )

const _stored = (where: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql<{ n: string }>`SELECT count(*) AS n FROM cluster_messages WHERE payload LIKE ${`%${where}%`}`).pipe(
      Effect.map((rows) => Number(rows[0]?.n ?? 0)),
      Effect.orDie
    )

layer(_env, { excludeTestServices: true, timeout: "120 seconds" })("jobs on one pod (PostgreSQL)", (it) => {
  it.effect("an enqueued job runs once, and the jobs of one type spread over its partitions", () =>
    Effect.gen(function*() {
      const ids = yield* Effect.forEach(Array.from({ length: 24 }, (_, i) => i), (i) =>
        TestJobs.Record.enqueue({ key: `once-${i}`, n: i + 1 }), { concurrency: 6 })
      expect(new Set(ids).size, "every enqueue returns a fresh id").toBe(24)
      yield* _until("test.Record", (runs) => ids.every((id) => runs.some((r) => r.job_id === id)))
      yield* Effect.sleep("1500 millis")
      const runs = (yield* TestJobs.runs("test.Record")).filter((r) => ids.includes(r.job_id))
      expect(runs.length, "each job ran exactly once").toBe(24)
      const sql = yield* SqlClient.SqlClient
      const entities = yield* sql<{ entity_id: string }>`SELECT DISTINCT entity_id FROM cluster_messages
        WHERE entity_type = 'Job/test.Record'`
      expect(entities.length, "jobs spread over several partition entities").toBeGreaterThan(4)
      expect(entities.every((e) => /^p([0-9]|1[0-5])$/.test(e.entity_id))).toBe(true)
    }))

  it.effect("enqueueing a job id again is a duplicate: it runs once and run returns its first result", () =>
    Effect.gen(function*() {
      const ids = yield* Effect.all([
        TestJobs.Record.enqueue({ key: "dup", n: 5 }, { id: "dup-1" }),
        TestJobs.Record.enqueue({ key: "dup", n: 5 }, { id: "dup-1" }),
        TestJobs.Record.enqueue({ key: "dup", n: 6 }, { id: "dup-1" })
      ], { concurrency: "unbounded" })
      expect(ids).toStrictEqual(["dup-1", "dup-1", "dup-1"])
      const result = yield* TestJobs.Record.run({ key: "dup", n: 7 }, { id: "dup-1" })
      expect([10, 12], "the stored reply of the one run").toContain(result)
      yield* Effect.sleep("1 second")
      const runs = (yield* TestJobs.runs("test.Record")).filter((r) => r.job_id === "dup-1")
      expect(runs.length).toBe(1)
      expect(yield* _stored("\"key\":\"dup\""), "one stored message").toBe(1)
    }))

  it.effect("run returns the handler's typed success or typed error", () =>
    Effect.gen(function*() {
      expect(yield* TestJobs.Divide.run({ a: 6, b: 3 })).toBe(2)
      const error = yield* Effect.flip(TestJobs.Divide.run({ a: 1, b: 0 }))
      expect(error).toBeInstanceOf(TestJobs.DivideByZero)
      expect(error._tag === "DivideByZero" && error.a).toBe(1)
      expect(yield* TestJobs.Record.run({ key: "run", n: 21 })).toBe(42)
    }))

  it.effect("a payload that does not encode fails with a typed ParseError and nothing is stored", () =>
    Effect.gen(function*() {
      const enqueued = yield* Effect.flip(TestJobs.Record.enqueue({ key: "bad-payload", n: -1 }))
      expect(enqueued._tag).toBe("ParseError")
      const ran = yield* Effect.flip(TestJobs.Record.run({ key: "bad-payload", n: 1.5 }))
      expect(ran._tag).toBe("ParseError")
      expect(yield* _stored("bad-payload")).toBe(0)
    }))

  it.effect("a poison job is retried, then dead-lettered, and the jobs queued behind it (beyond the mailbox) still run", () =>
    Effect.gen(function*() {
      yield* TestJobs.Poison.enqueue({ key: "p", poison: true }, { id: "poison-1" })
      // 8 jobs behind it: more than the mailbox holds (4); the rest wait in storage.
      const good = yield* Effect.forEach(Array.from({ length: 8 }, (_, i) => `good-${i + 1}`), (id) =>
        TestJobs.Poison.enqueue({ key: id, poison: false }, { id }))
      const runs = yield* _until("test.Poison", (rs) => good.every((id) => rs.some((r) => r.job_id === id)))
      const poison = runs.filter((r) => r.job_id === "poison-1")
      expect(poison.map((r) => r.attempt), "1 run + retry.times retries").toStrictEqual([1, 2, 3])
      expect(poison.every((p) => runs.findIndex((r) => r.job_id === "good-1") > runs.indexOf(p)), "one at a time").toBe(true)
      expect(runs.filter((r) => r.job_id.startsWith("good-")).length, "each ran once").toBe(8)
      const letters = yield* Jobs.deadLetters("test.Poison")
      expect(letters.map((l) => [l.id, l.attempts])).toStrictEqual([["poison-1", 3]])
      expect(letters[0]?.payload).toStrictEqual({ key: "p", poison: true })
      expect(letters[0]?.error).toMatch(/poison p/)
      const again = yield* Effect.flip(TestJobs.Poison.run({ key: "p", poison: true }, { id: "poison-1" }))
      expect(again._tag, "its stored reply, without another run").toBe("JobDeadLettered")
      const fresh = yield* Effect.flip(TestJobs.Poison.run({ key: "q", poison: true }, { id: "poison-2" }))
      expect(fresh).toBeInstanceOf(Jobs.DeadLettered)
      expect((yield* TestJobs.runs("test.Poison")).filter((r) => r.job_id === "poison-1").length).toBe(3)
      expect((yield* Jobs.deadLetters()).map((l) => l.id)).toStrictEqual(["poison-1", "poison-2"])
    }))

  it.effect("a keepAlive job outlives its entity's idle time (1 s) and runs once", () =>
    Effect.gen(function*() {
      expect(yield* TestJobs.Long.run({ ms: 7000 }, { id: "long-1" })).toBe(7000)
      const runs = yield* TestJobs.runs("test.Long")
      expect(runs.length).toBe(1)
      expect((runs[0]?.ended_at ?? 0) - (runs[0]?.started_at ?? 0)).toBeGreaterThanOrEqual(6990)
      const sql = yield* SqlClient.SqlClient
      const keepAlive = sql<{ processed: boolean }>`SELECT processed FROM cluster_messages
        WHERE entity_type = 'Job/test.Long' AND tag = 'Cluster/Entity/keepAlive'`.pipe(Effect.orDie)
      expect((yield* keepAlive).length, "the entity was kept alive through Entity.keepAlive").toBe(1)
      // Released when the job ends: the keep-alive message is answered (processed).
      yield* keepAlive.pipe(
        Effect.filterOrFail((rows) => rows.every((r) => r.processed), () => "still kept alive"),
        Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 50 }),
        Effect.orDie
      )
    }), { timeout: 60_000 })
})
