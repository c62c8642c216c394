/**
 * Workflows under injected failure, with real pods on one PostgreSQL (issue #12, item 5): a failure at step
 * 1, 2 or 3 compensates exactly the completed steps, in reverse order, and the caller gets the typed error;
 * the same idempotency key twice runs the saga once and answers both calls with the stored result.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { expect, layer } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import type { Pods } from "../cluster/Pods.js"
import { Shared } from "./app/contracts/shared.js"
import { SagaDb, trace } from "./SagaDb.js"
import { SagaPods } from "./SagaPods.js"

/** One database and two pods for the whole file. */
class Fixture extends Context.Tag("Fixture")<Fixture, { readonly db: SagaDb.Db; readonly pods: ReadonlyArray<Pods.Pod> }>() {}

const _fixture = Layer.scoped(Fixture, Effect.gen(function*() {
  const db = yield* SagaDb.make
  const pods = yield* SagaPods.startAll(db.url, ["a", "b"])
  return { db, pods }
}))

/** The test body, with the fixture; prints the pods' logs if it fails or times out. */
const _withFixture = <A, E, R>(f: (fixture: Fixture["Type"]) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(Fixture, (fixture) => SagaPods.diagnose(fixture.pods)(f(fixture)))

const _env = _fixture.pipe(Layer.provideMerge(Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)))

const _compensated: Record<1 | 2 | 3, ReadonlyArray<string>> = {
  1: ["start:1"],
  2: ["start:1", "done:1", "start:2", "undo:1"],
  3: ["start:1", "done:1", "start:2", "done:2", "start:3", "undo:2", "undo:1"]
}

layer(_env, { timeout: "120 seconds", excludeTestServices: true })("a saga under injected failure (2 pods)", (it) => {
  for (const step of [1, 2, 3] as const) {
    it.effect(`a failure at step ${step} compensates exactly the completed steps, in reverse order, and the caller gets the typed error`, () =>
      _withFixture(({ db, pods }) => Effect.gen(function*() {
        const runId = `fail-at-${step}`
        // called through the pod that does not run it: the typed error crosses pods
        const owner = yield* SagaPods.owner(pods, runId)
        const exit = yield* SagaPods.run(pods.find((p) => p !== owner)!, { runId, failAt: step })
        expect(exit).toStrictEqual(Exit.fail(new Shared.StepFailed({ runId, step })))
        expect(trace(yield* db.log(runId))).toStrictEqual(_compensated[step])
        // asked again (through the owner): the stored failure, and nothing runs or compensates twice
        expect(yield* SagaPods.run(owner, { runId, failAt: step })).toStrictEqual(exit)
        expect(trace(yield* db.log(runId))).toStrictEqual(_compensated[step])
      })))
  }

  it.effect("a saga without faults runs each step once and compensates nothing", () =>
    _withFixture(({ db, pods }) => Effect.gen(function*() {
      const exit = yield* SagaPods.run(pods[1]!, { runId: "clean", note: "ok" })
      expect(exit).toStrictEqual(Exit.succeed({ runId: "clean", note: "ok", priority: "normal", payloadVersion: 1 }))
      expect(trace(yield* db.log("clean"))).toStrictEqual(["start:1", "done:1", "start:2", "done:2", "start:3", "done:3"])
    })))

  it.effect("the same idempotency key twice runs once; the second call gets the stored result", () =>
    _withFixture(({ db, pods }) => Effect.gen(function*() {
      const first = yield* SagaPods.run(pods[0]!, { runId: "once", note: "first" })
      const second = yield* SagaPods.run(pods[1]!, { runId: "once", note: "second" })
      expect(first).toStrictEqual(Exit.succeed({ runId: "once", note: "first", priority: "normal", payloadVersion: 1 }))
      expect(second, "the stored result, not a run of the second payload").toStrictEqual(first)
      expect(trace(yield* db.log("once"))).toStrictEqual(["start:1", "done:1", "start:2", "done:2", "start:3", "done:3"])
    })))

  it.effect("two concurrent calls with one idempotency key, through two pods, share one run", () =>
    _withFixture(({ db, pods }) => Effect.gen(function*() {
      const calls = yield* Effect.fork(Effect.all([
        SagaPods.run(pods[0]!, { runId: "twice", note: "a", holdAt: 1 }),
        SagaPods.run(pods[1]!, { runId: "twice", note: "b", holdAt: 1 })
      ], { concurrency: "unbounded" }))
      yield* SagaPods.until(db.log("twice"), (rows) => rows.length > 0, "step 1 started")
      yield* db.open("twice", 1)
      const [a, b] = yield* calls
      expect(a).toStrictEqual(b)
      expect(trace(yield* db.log("twice"))).toStrictEqual(["start:1", "done:1", "start:2", "done:2", "start:3", "done:3"])
    })))
})
