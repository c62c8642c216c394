/**
 * The shard and runner watcher: acquisitions, releases, runner joins and losses show up as info logs.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Runner from "@effect/cluster/Runner"
import * as RunnerAddress from "@effect/cluster/RunnerAddress"
import * as RunnerStorage from "@effect/cluster/RunnerStorage"
import * as ShardId from "@effect/cluster/ShardId"
import * as TestRunner from "@effect/cluster/TestRunner"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Schedule from "effect/Schedule"
import { ClusterWatcher } from "../../../runtime/cluster/ClusterWatcher.js"

/** Info logs collected as they are written, and a wait for the first one that contains `text`. */
const _logs = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ logLevel, message }) => {
    const text = (Array.isArray(message) ? message : [message]).map(String).join(" ")
    return logLevel.label === "INFO" ? void lines.push(text) : undefined
  })
  const waitFor = (text: string) =>
    Effect.sync(() => lines.find((line) => line.includes(text))).pipe(
      Effect.flatMap(Effect.fromNullable),
      Effect.retry({ schedule: Schedule.spaced("20 millis"), times: 250 }),
      Effect.orDieWith(() => new Error(`no info log contains "${text}"`))
    )
  return { logger, waitFor }
}

const _runner = (host: string, port: number) =>
  new Runner.Runner({ address: RunnerAddress.make(host, port), groups: ["default"], weight: 1 })

describe("ClusterWatcher", () => {
  it("ranges collapses consecutive shard ids per group", () => {
    const shards = [3, 1, 2, 5, 8, 7].map((id) => ShardId.make("default", id))
    assert.strictEqual(ClusterWatcher.ranges([...shards, ShardId.make("admin", 4)]), "admin:4 default:1-3,5,7-8")
  })

  it.live("logs the shards this runner acquires, and runners joining and leaving", () =>
    Effect.gen(function*() {
      const logs = _logs()
      const storage = yield* RunnerStorage.makeMemory
      yield* storage.register(_runner("10.0.0.1", 34431), true)
      yield* Layer.launch(ClusterWatcher.layer({ interval: "50 millis" })).pipe(
        Effect.provide(TestRunner.layer),
        Effect.provideService(RunnerStorage.RunnerStorage, storage),
        Effect.provide(Logger.replace(Logger.defaultLogger, logs.logger)),
        Effect.forkScoped
      )
      assert.strictEqual(yield* logs.waitFor("Acquired"), "Acquired 300 shard(s): default:1-300")
      assert.strictEqual(yield* logs.waitFor("10.0.0.1"), "Runner joined: 10.0.0.1:34431")
      yield* storage.register(_runner("10.0.0.2", 34431), true)
      assert.strictEqual(yield* logs.waitFor("10.0.0.2"), "Runner joined: 10.0.0.2:34431")
      yield* storage.unregister(RunnerAddress.make("10.0.0.1", 34431))
      assert.strictEqual(yield* logs.waitFor("lost"), "Runner lost: 10.0.0.1:34431")
    }).pipe(Effect.scoped))
})
