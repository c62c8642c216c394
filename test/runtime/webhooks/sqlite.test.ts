/**
 * The same delivery path on the single-pod SQLite cluster (`CLUSTER_STORAGE=sqlite`): tables, queue and
 * workflows in one embedded file; a receiver failing once gets the message on the second attempt.
 */
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Cluster } from "../../../runtime/cluster/Cluster.js"
import { ClusterConfig } from "../../../runtime/cluster/ClusterConfig.js"
import { Webhooks } from "../../../runtime/webhooks/Webhooks.js"
import * as Receiver from "./Receiver.js"

const _sqlite = Layer.unwrapScoped(Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "ec-webhooks-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
).pipe(Effect.map((dir) => SqliteClient.layer({ filename: join(dir, "app.db") }))))

const _env = Webhooks.layerWith({ pollInterval: "50 millis" }).pipe(
  Layer.provideMerge(Cluster.layer({ ...ClusterConfig.defaults, storage: "sqlite", listenHost: Option.none() })),
  Layer.provideMerge(_sqlite)
)

layer(_env, { timeout: "60 seconds", excludeTestServices: true })("webhooks on SQLite", (it) => {
  it.scoped("a receiver failing once gets the message on the second attempt", () =>
    Effect.gen(function*() {
      const receiver = yield* Receiver.make
      const hook = Webhooks.make({ name: "tests.Sqlite", payload: Schema.Struct({ n: Schema.Number }), retry: { delays: ["100 millis"] } })
      const endpoint = yield* Webhooks.register({ webhook: hook.name, url: receiver.url("/once") })
      receiver.behave("/once", { _tag: "FailTimes", times: 1, status: 500 }, endpoint.secret)
      const id = yield* hook.send({ n: 1 })
      const [delivery] = yield* Webhooks.deliveries(id).pipe(
        Effect.filterOrFail((ds) => ds[0]?.status !== "delivering", () => "not yet"),
        Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 200 }),
        Effect.orDie
      )
      assert.deepStrictEqual([delivery?.status, delivery?.attempts], ["delivered", 2])
      assert.deepStrictEqual(receiver.requests("/once").map((r) => [r.answered, r.verified]), [[500, true], [200, true]])
      assert.deepStrictEqual(yield* Webhooks.prune(), { queue: 0, deliveries: 0, deadLetters: 0 }, "prune runs on SQLite")
    }))
})
