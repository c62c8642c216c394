/**
 * JOBS-01 with real OS processes: two pods of the jobs app on one PostgreSQL share the job partitions, so
 * jobs enqueued on either pod run once each, on both pods. Delivery is at least once: a job whose shard
 * moves while it runs runs again, so the test starts once the shards have settled between the pods.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as PgClient from "@effect/sql-pg/PgClient"
import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { JobPods } from "./JobPods.js"
import { TestJobs } from "./TestJobs.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)
const _Ids = Schema.Struct({ ids: Schema.Array(Schema.String) })

layer(_env, { timeout: "60 seconds", excludeTestServices: true })("jobs on 2 pods", (it) => {
  it.effect("jobs enqueued on either pod run once each, spread over both pods", () =>
    Effect.gen(function*() {
      const db = yield* Postgres.database("jobs_pods")
      const sql = yield* Layer.build(PgClient.layer({ url: Redacted.make(db.url) }))
      const runs = TestJobs.runs("test.Record").pipe(Effect.provide(sql))
      yield* TestJobs.tables.pipe(Effect.provide(sql), Effect.orDie)
      const pods = yield* Effect.forEach(["a", "b"], (name) => JobPods.start(name, db.url), { concurrency: "unbounded" })
      yield* JobPods.ready(pods)
      yield* JobPods.settled(pods)
      const enqueued = yield* Effect.forEach(pods, (pod) =>
        JobPods.post(pod, `/records?prefix=from-${pod.name}&n=60`, _Ids), { concurrency: "unbounded" })
      const ids = enqueued.flatMap((e) => e.ids)
      expect(new Set(ids).size).toBe(120)
      yield* runs.pipe(
        Effect.filterOrFail((rs) => rs.length >= 120, () => "not yet"),
        Effect.retry({ schedule: Schedule.spaced("200 millis"), times: 150 })
      )
      yield* Effect.sleep("1 second")
      const all = yield* runs
      const twice = all.filter((r) => all.filter((x) => x.job_id === r.job_id).length > 1)
      expect(all.length, `each job ran exactly once; again: ${JSON.stringify(twice)}`).toBe(120)
      expect(new Set(all.map((r) => r.job_id))).toStrictEqual(new Set(ids))
      const byPod = (pod: string) => all.filter((r) => r.pod === pod).length
      console.log(`jobs on 2 pods: a ran ${byPod("a")}, b ran ${byPod("b")} of 120`)
      expect(byPod("a")).toBeGreaterThan(0)
      expect(byPod("b")).toBeGreaterThan(0)
      const crossed = all.filter((r) => !r.job_id.startsWith(`from-${r.pod}-`)).length
      expect(crossed, "jobs enqueued on one pod ran on the other").toBeGreaterThan(0)
    }).pipe(Effect.scoped), { timeout: 180_000 })
})
