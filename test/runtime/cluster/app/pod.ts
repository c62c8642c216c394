/**
 * One pod of the cluster tests' app, as a real OS process: the generated `AppLayer` on the PostgreSQL
 * cluster, plus HTTP routes the tests drive it through. Configured by environment variables only.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as RuntimeFlags from "effect/RuntimeFlags"
import { ClusterState } from "../../../../runtime/cluster/ClusterState.js"
import { Health } from "../../../../runtime/http/Health.js"
import { RequestContext } from "../../../../runtime/http/RequestContext.js"
import { BenchRoutes } from "./bench/BenchRoutes.js"
import { RawProbe } from "./bench/RawProbe.js"
import { AppLayer } from "./generated/Layer.js"
import { ProbeEntity } from "./generated/probe/entities/Probe.js"
import { TestPod } from "../../../support/TestPod.js"

const _routes = Effect.gen(function*() {
  const probe = yield* ProbeEntity.client
  const bench = yield* BenchRoutes.router
  return HttpRouter.empty.pipe(
    HttpRouter.post(
      "/hit/:entity/:messageId",
      Effect.gen(function*() {
        const params = yield* HttpRouter.params
        const handled = yield* probe(params["entity"] ?? "").Hit({ messageId: params["messageId"] ?? "" })
        return yield* HttpServerResponse.json(handled)
      })
    ),
    HttpRouter.get(
      "/where/:entity",
      Effect.gen(function*() {
        const params = yield* HttpRouter.params
        const sentAt = yield* Clock.currentTimeMillis
        const where = yield* probe(params["entity"] ?? "").Where({ sentAt })
        return yield* HttpServerResponse.json({ ...where, sentAt, receivedAt: yield* Clock.currentTimeMillis })
      })
    ),
    HttpRouter.get(
      "/context/:entity",
      RequestContext.provide(Effect.gen(function*() {
        const params = yield* HttpRouter.params
        const { cluster } = yield* RequestContext
        return yield* HttpServerResponse.json(Option.getOrNull(Option.map(cluster, (c) => ({
          ...ClusterState.toJSON(c),
          local: c.isLocal(ProbeEntity, params["entity"] ?? ""),
          leader: c.isLeader("ClusterCron/probe.Tick")
        }))))
      }))
    ),
    HttpRouter.concat(Health.router),
    HttpRouter.concat(bench),
    HttpRouter.catchAllCause((cause) => HttpServerResponse.text(String(cause), { status: 500 }))
  )
})

const _main = Layer.mergeAll(Layer.unwrapEffect(Effect.map(_routes, TestPod.http)), AppLayer, RawProbe.layer).pipe(
  Layer.provide(TestPod.infra),
  // The cluster benchmark's profile counts fibers per message (Effect's `effect_fiber_started`) with BENCH_FIBERS=1.
  Layer.provide(process.env["BENCH_FIBERS"] === "1" ? RuntimeFlags.enableRuntimeMetrics : Layer.empty)
)

NodeRuntime.runMain(Layer.launch(_main))
