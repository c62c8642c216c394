/**
 * One pod of the workflow tests' app, as a real OS process: build `SAGA_BUILD` (`v1`: the first contract,
 * `v2`: the redeploy that also reads payload v2) on the PostgreSQL cluster, driven through HTTP routes.
 */
import * as EntityId from "@effect/cluster/EntityId"
import * as Sharding from "@effect/cluster/Sharding"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as Workflow from "@effect/workflow/Workflow"
import type * as WorkflowEngine from "@effect/workflow/WorkflowEngine"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Health } from "../../../../runtime/http/Health.js"
import { TestPod } from "../../../support/TestPod.js"
import type { Shared } from "./contracts/shared.js"
import { SagaLayer } from "./generated/saga/Layer.js"
import { SagaWorkflow } from "./generated/saga/workflows/Saga.js"
import { SagaLayer as NextLayer } from "./next/generated/saga/Layer.js"
import { SagaWorkflow as NextWorkflow } from "./next/generated/saga/workflows/Saga.js"
import { Saga } from "./Saga.js"

type _Done = typeof Shared.SagaDone.Type
type _Failed = typeof Shared.StepFailed.Type

/** What the routes need of a build; both builds' workflow is named `Saga`, with the same result and error. */
interface _Build {
  readonly layer: Layer.Layer<never, never, WorkflowEngine.WorkflowEngine | SqlClient.SqlClient>
  readonly workflow: Workflow.Any
  readonly start: Effect.Effect<string, ParseResult.ParseError | HttpServerError.RequestError, _Request>
  readonly run: Effect.Effect<Exit.Exit<_Done, _Failed>, ParseResult.ParseError | HttpServerError.RequestError, _Request>
  readonly poll: (executionId: string) => Effect.Effect<Workflow.Result<_Done, _Failed> | undefined, never, WorkflowEngine.WorkflowEngine>
}
type _Request = HttpServerRequest.HttpServerRequest | WorkflowEngine.WorkflowEngine

const _v1: _Build = {
  layer: SagaLayer,
  workflow: SagaWorkflow,
  start: Effect.flatMap(HttpServerRequest.schemaBodyJson(SagaWorkflow.payloadSchema), (p) => SagaWorkflow.execute(p, { discard: true })),
  run: Effect.flatMap(HttpServerRequest.schemaBodyJson(SagaWorkflow.payloadSchema), (p) => Effect.exit(SagaWorkflow.execute(p))),
  poll: SagaWorkflow.poll
}

const _v2: _Build = {
  layer: NextLayer,
  workflow: NextWorkflow,
  start: Effect.flatMap(HttpServerRequest.schemaBodyJson(NextWorkflow.payloadSchema), (p) => NextWorkflow.execute(p, { discard: true })),
  run: Effect.flatMap(HttpServerRequest.schemaBodyJson(NextWorkflow.payloadSchema), (p) => Effect.exit(NextWorkflow.execute(p))),
  poll: NextWorkflow.poll
}

const _runId = Effect.map(HttpRouter.params, (p) => p["runId"] ?? "")
const _executionId = Effect.flatMap(_runId, (runId) => SagaWorkflow.executionId({ input: { runId } }))
const _json = <A, I>(schema: Schema.Schema<A, I>) => (value: A) =>
  Effect.flatMap(Schema.encode(schema)(value), (encoded) => HttpServerResponse.json(encoded))

const _routes = (build: _Build) =>
  HttpRouter.empty.pipe(
    HttpRouter.post("/start", Effect.flatMap(build.start, (executionId) => HttpServerResponse.json({ executionId }))),
    HttpRouter.post("/run", Effect.flatMap(build.run, _json(Saga.Exit))),
    HttpRouter.get("/poll/:runId", _executionId.pipe(
      Effect.flatMap(build.poll),
      Effect.map((r): typeof Saga.Poll.Type =>
        r === undefined ? { state: "none" } : r._tag === "Suspended" ? { state: "suspended" } : { state: "complete", exit: r.exit }
      ),
      Effect.flatMap(_json(Saga.Poll))
    )),
    HttpRouter.post("/approve/:runId/:by", Effect.gen(function*() {
      const by = (yield* HttpRouter.params)["by"] ?? ""
      yield* Saga.approve(build.workflow, yield* _executionId, by)
      return yield* HttpServerResponse.json({ approved: by })
    })),
    HttpRouter.get("/local/:runId", Effect.gen(function*() {
      const sharding = yield* Sharding.Sharding
      const shard = sharding.getShardId(EntityId.make(yield* _executionId), "default")
      return yield* HttpServerResponse.json({ local: sharding.hasShardId(shard) })
    })),
    HttpRouter.concat(Health.router),
    HttpRouter.catchAllCause((cause) => HttpServerResponse.text(String(cause), { status: 500 }))
  )

const _main = Layer.unwrapEffect(
  Config.literal("v1", "v2")("SAGA_BUILD").pipe(
    Config.withDefault("v1"),
    Effect.map((name) => ({ v1: _v1, v2: _v2 })[name]),
    Effect.map((build) => Layer.mergeAll(TestPod.http(_routes(build)), build.layer)),
    Effect.orDie
  )
).pipe(Layer.provide(TestPod.infra))

NodeRuntime.runMain(Layer.launch(_main))
