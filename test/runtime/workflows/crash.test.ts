/**
 * kill -9 of the pod running a saga, mid-step (issue #12, item 5): the saga resumes on another pod, no
 * completed activity runs again, and a saga that fails after the crash still compensates the steps that
 * completed before it, on the pod that took over.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { expect, layer } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import type { Pods } from "../cluster/Pods.js"
import { Shared } from "./app/contracts/shared.js"
import type { SagaRow } from "./SagaDb.js"
import { SagaDb, trace } from "./SagaDb.js"
import { SagaPods } from "./SagaPods.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)

const _is = (kind: SagaRow["kind"], step: number, pod?: string) => (r: SagaRow) =>
  r.kind === kind && r.step === step && (pod === undefined || r.pod === pod)

/**
 * Start `input` (held at step 2) with a caller waiting on its outcome through a pod that does not run it,
 * kill -9 the pod running step 2 once it has started, wait until another pod runs step 2 again, then open
 * the gate. The killed pod, the survivors, the time from the kill to step 2 restarting, the caller's Exit.
 */
const _crashAtStep2 = (db: SagaDb.Db, pods: ReadonlyArray<Pods.Pod>, input: typeof Shared.SagaV1.Type) =>
  Effect.gen(function*() {
    const owner = yield* SagaPods.owner(pods, input.runId)
    const caller = yield* Effect.fork(SagaPods.run(pods.find((p) => p !== owner)!, input))
    const started = yield* SagaPods.until(db.log(input.runId), (rows) => rows.some(_is("start", 2)), "step 2 started")
    expect(started.find(_is("start", 2))!.pod, "step 2 runs on the workflow's owner").toBe(owner.name)
    yield* owner.kill9
    const killedAt = yield* Clock.currentTimeMillis
    const again = yield* SagaPods.until(db.log(input.runId), (rows) => rows.some((r) => _is("start", 2)(r) && r.pod !== owner.name), "step 2 again")
    const resumedAt = again.find((r) => _is("start", 2)(r) && r.pod !== owner.name)!.at
    yield* db.open(input.runId, 2)
    const exit = yield* Fiber.join(caller)
    return { victim: owner, survivors: pods.filter((p) => p !== owner), resumeMs: resumedAt - killedAt, exit }
  })

layer(_env, { timeout: "60 seconds", excludeTestServices: true })("kill -9 of the pod running a saga", (it) => {
  it.effect("the saga resumes on another pod without re-running a completed step; a later failure still compensates", () =>
    Effect.gen(function*() {
      const db = yield* SagaDb.make
      // three pods: the second crash needs a survivor too, and nobody joins mid-test (no rebalancing)
      const pods = yield* SagaPods.startAll(db.url, ["a", "b", "c"])
      yield* Effect.addFinalizer((exit) => exit._tag === "Success" ? Effect.void : SagaPods.printLogs(pods))

      const first = yield* _crashAtStep2(db, pods, { runId: "crash-ok", holdAt: 2, note: "survived" })
      expect(first.exit, "the caller waiting through a survivor gets the result").toStrictEqual(Exit.succeed({ runId: "crash-ok", note: "survived", priority: "normal", payloadVersion: 1 }))
      const okRows = yield* db.log("crash-ok")
      expect(trace(okRows), "step 1 never ran again; step 2 ran again from its start").toStrictEqual(
        ["start:1", "done:1", "start:2", "start:2", "done:2", "start:3", "done:3"]
      )
      expect(okRows.filter(_is("start", 1)).map((r) => r.pod)).toStrictEqual([first.victim.name])

      const second = yield* _crashAtStep2(db, first.survivors, { runId: "crash-fail", holdAt: 2, failAt: 3 })
      expect(second.exit, "the caller gets the typed error").toStrictEqual(Exit.fail(new Shared.StepFailed({ runId: "crash-fail", step: 3 })))
      expect(yield* SagaPods.outcome(second.survivors[0]!, "crash-fail"), "and it is stored").toStrictEqual(second.exit)
      const failRows = yield* db.log("crash-fail")
      expect(trace(failRows), "steps 2 and 1 compensated once, in reverse order, after the crash").toStrictEqual(
        ["start:1", "done:1", "start:2", "start:2", "done:2", "start:3", "undo:2", "undo:1"]
      )
      expect(failRows.find(_is("done", 1))!.pod, "step 1 completed on the killed pod").toBe(second.victim.name)
      expect(failRows.find(_is("undo", 1))!.pod, "and was compensated by the pod that took over").not.toBe(second.victim.name)
      console.log(`saga resumed after kill -9 in ${first.resumeMs} ms and ${second.resumeMs} ms (kill to step 2 restarting on a survivor)`)
    }).pipe(Effect.scoped), { timeout: 240_000 })
})
