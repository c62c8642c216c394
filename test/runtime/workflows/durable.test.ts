/**
 * Durable waits across restarts (issue #12, item 5): an approval signal sent while the pod running the saga
 * shuts down, and a durable sleep during which that saga's next pod is killed -9, both reach the saga and
 * it completes; a saga started with payload v1 by the first build finishes on pods of the v1+v2 build.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import type { Pods } from "../cluster/Pods.js"
import type { SagaRow } from "./SagaDb.js"
import { SagaDb, trace } from "./SagaDb.js"
import { SagaPods } from "./SagaPods.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)

const _has = (kind: SagaRow["kind"], step: number) => (rows: ReadonlyArray<SagaRow>) =>
  rows.some((r) => r.kind === kind && r.step === step)

/** Wait until run `runId` has completed step 1 and is suspended (on the approval). */
const _waiting = (db: SagaDb.Db, pod: Pods.Pod, runId: string) =>
  SagaPods.until(db.log(runId), _has("done", 1), `${runId} step 1 done`).pipe(
    Effect.zipRight(SagaPods.until(SagaPods.status(pod, runId), (s) => s.state === "suspended", `${runId} suspended`))
  )

const _sleepMs = 6000

layer(_env, { timeout: "60 seconds", excludeTestServices: true })("durable waits across restarts", (it) => {
  it.effect("an approval sent while its pod restarts and a durable sleep across a kill -9 both reach the saga", () =>
    Effect.gen(function*() {
      const db = yield* SagaDb.make
      const pods = yield* SagaPods.startAll(db.url, ["a", "b", "c"])
      yield* Effect.addFinalizer((exit) => exit._tag === "Success" ? Effect.void : SagaPods.printLogs(pods))
      const runId = "durable"
      yield* SagaPods.begin(pods[0]!, { runId, approval: true, sleepMs: _sleepMs, note: "waited" })
      yield* _waiting(db, pods[0]!, runId)

      // graceful restart of the pod the saga waits on, the approval sent as soon as it is gone
      const waitedOn = yield* SagaPods.owner(pods, runId)
      yield* SagaPods.stop(waitedOn)
      const live = pods.filter((p) => p !== waitedOn)
      yield* SagaPods.approve(live[0]!, runId, "ops")
      const approved = (yield* SagaPods.until(db.log(runId), _has("approved", 0), "approval recorded")).find((r) => r.kind === "approved")!
      expect(approved.pod, "the saga went on on another pod").not.toBe(waitedOn.name)

      // now in its durable sleep: kill -9 the pod running it
      const sleeper = yield* SagaPods.owner(live, runId)
      expect(sleeper.name, "the sleep runs where the approval was recorded").toBe(approved.pod)
      expect(_has("start", 2)(yield* db.log(runId)), "still asleep when killed").toBe(false)
      yield* sleeper.kill9
      const last = live.find((p) => p !== sleeper)!

      const exit = yield* SagaPods.outcome(last, runId)
      expect(exit).toStrictEqual(
        Exit.succeed({ runId, note: "waited", priority: "normal", payloadVersion: 1, approvedBy: "ops" })
      )
      const rows = yield* db.log(runId)
      expect(trace(rows), "each step and the approval once").toStrictEqual(
        ["start:1", "done:1", "approved:0", "start:2", "done:2", "start:3", "done:3"]
      )
      const woke = rows.find((r) => r.kind === "start" && r.step === 2)!
      expect(woke.pod, "woken on the last pod").toBe(last.name)
      expect(woke.at - approved.at, "the sleep was not cut short by the kill").toBeGreaterThanOrEqual(_sleepMs)
      console.log(`durable sleep of ${_sleepMs} ms across a kill -9: step 2 started ${woke.at - approved.at} ms after the approval`)
    }).pipe(Effect.scoped), { timeout: 240_000 })

  it.effect("a saga started with payload v1 and paused finishes on the redeployed v1+v2 build", () =>
    Effect.gen(function*() {
      const db = yield* SagaDb.make
      const old = yield* SagaPods.start(db.url, "old", "v1")
      const runId = "upgrade"
      yield* SagaPods.begin(old, { runId, approval: true, note: "from v1" })
      yield* _waiting(db, old, runId)

      // rolling deploy: the v1+v2 build joins, then the v1 pod leaves
      const next = yield* SagaPods.start(db.url, "new", "v2")
      yield* SagaPods.stop(old)
      yield* SagaPods.approve(next, runId, "lead")
      const exit = yield* SagaPods.outcome(next, runId)
      expect(exit, "read as v1 by the new build").toStrictEqual(
        Exit.succeed({ runId, note: "from v1", priority: "normal", payloadVersion: 1, approvedBy: "lead" })
      )
      const rows = yield* db.log(runId)
      expect(trace(rows)).toStrictEqual(["start:1", "done:1", "approved:0", "start:2", "done:2", "start:3", "done:3"])
      expect(rows.map((r) => r.pod), "step 1 on the old build only, the rest on the new").toStrictEqual(
        ["old", "old", "new", "new", "new", "new", "new"]
      )
      // and the new build takes v2 payloads
      const v2 = yield* SagaPods.run(next, { runId: "v2", priority: "high" })
      expect(v2).toStrictEqual(Exit.succeed({ runId: "v2", note: "", priority: "high", payloadVersion: 2 }))
    }).pipe(Effect.scoped), { timeout: 240_000 })
})
