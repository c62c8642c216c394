/**
 * The saga's body, shared by both builds: three activities with compensations, each run and compensation a
 * row of `saga_log`, faults injected through the payload. Also the approval signal and the pods' wire shapes.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Activity from "@effect/workflow/Activity"
import * as DurableClock from "@effect/workflow/DurableClock"
import * as DurableDeferred from "@effect/workflow/DurableDeferred"
import * as Workflow from "@effect/workflow/Workflow"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Shared } from "./contracts/shared.js"

type _Input = typeof Shared.SagaV1.Type
type _Step = typeof Shared.Step.Type

/** The tables the app writes: every step start, completion and compensation; the gates tests open. */
const tables = [
  `CREATE TABLE IF NOT EXISTS saga_log (seq bigserial PRIMARY KEY, run_id text NOT NULL, step int NOT NULL,
    kind text NOT NULL, pod text NOT NULL, detail text, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  `CREATE TABLE IF NOT EXISTS saga_gates (run_id text NOT NULL, step int NOT NULL, PRIMARY KEY (run_id, step))`
] as const

/** The external signal a run with `approval: true` waits for after step 1: who approved. */
const Approval = DurableDeferred.make("Approval", { success: Schema.Struct({ by: Schema.String }) })

const _pod = Config.string("POD_NAME").pipe(Config.withDefault("pod"))

const _log = (runId: string, step: number, kind: "start" | "done" | "undo" | "approved", detail: string | null = null) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const pod = yield* _pod
    yield* sql`INSERT INTO saga_log (run_id, step, kind, pod, detail) VALUES (${runId}, ${step}, ${kind}, ${pod}, ${detail})`
  }).pipe(Effect.orDie)

/** Waits until the test opens the gate of this run's step (a row in `saga_gates`). */
const _gate = (runId: string, step: _Step) =>
  SqlClient.SqlClient.pipe(
    Effect.flatMap((sql) => sql`SELECT 1 FROM saga_gates WHERE run_id = ${runId} AND step = ${step}`),
    Effect.repeat({ schedule: Schedule.spaced("100 millis"), until: (rows) => rows.length > 0 }),
    Effect.orDie
  )

/** Step `n`: an activity (start row, optional gate, optional injected failure, done row), compensated by an undo row. */
const _step = (input: _Input, step: _Step) =>
  Activity.make({
    name: `Step${step}`,
    error: Shared.StepFailed,
    execute: Effect.gen(function*() {
      yield* _log(input.runId, step, "start")
      yield* Effect.when(_gate(input.runId, step), () => input.holdAt === step)
      yield* Effect.when(Effect.fail(new Shared.StepFailed({ runId: input.runId, step })), () => input.failAt === step)
      yield* _log(input.runId, step, "done")
    })
  }).pipe(Workflow.withCompensation(() => _log(input.runId, step, "undo")))

/** Waits for the approval signal (suspending the workflow), then records it once (an activity). */
const _approval = (input: _Input) =>
  DurableDeferred.await(Approval).pipe(
    Effect.tap(({ by }) => Activity.make({ name: "Approved", execute: _log(input.runId, 0, "approved", by) })),
    Effect.map(({ by }): { readonly approvedBy?: string } => ({ approvedBy: by }))
  )

/**
 * The workflow: step 1, the approval (if asked), a durable sleep (if asked; never in memory), steps 2 and 3.
 * `build` is what the running build made of the payload's version.
 */
const run = (input: _Input, build: { readonly priority: string; readonly payloadVersion: 1 | 2 }) =>
  Effect.gen(function*() {
    yield* _step(input, 1)
    const approved = yield* input.approval === true ? _approval(input) : Effect.succeed({})
    yield* Effect.when(
      DurableClock.sleep({ name: "Cooldown", duration: Duration.millis(input.sleepMs ?? 0), inMemoryThreshold: Duration.zero }),
      () => (input.sleepMs ?? 0) > 0
    )
    yield* _step(input, 2)
    yield* _step(input, 3)
    return { runId: input.runId, note: input.note ?? "", ...build, ...approved }
  })

/** Sends the approval to the run of `workflow` with this execution id. */
const approve = (workflow: Workflow.Any, executionId: string, by: string) =>
  DurableDeferred.succeed(Approval, { token: DurableDeferred.tokenFromExecutionId(Approval, { workflow, executionId }), value: { by } })

/** A run's outcome on the wire: the typed error travels as itself. */
const Exit = Schema.Exit({ success: Shared.SagaDone, failure: Shared.StepFailed, defect: Schema.Defect })

/** What `Workflow.poll` says about a run, on the wire. */
const Poll = Schema.Union(
  Schema.Struct({ state: Schema.Literal("none", "suspended") }),
  Schema.Struct({ state: Schema.Literal("complete"), exit: Exit })
)

export const Saga = { tables, Approval, run, approve, Exit, Poll } as const
