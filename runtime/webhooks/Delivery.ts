/**
 * The delivery workflow of one (message, endpoint, generation): attempts go through a DurableQueue (a SQL
 * PersistedQueue worker makes the request), each raced against the dead-letter deadline with
 * `Activity.raceAll`; durable, deterministically jittered backoff between them; dead letter at the end.
 */
import * as Activity from "@effect/workflow/Activity"
import * as DurableClock from "@effect/workflow/DurableClock"
import * as DurableQueue from "@effect/workflow/DurableQueue"
import * as Workflow from "@effect/workflow/Workflow"
import type * as WorkflowEngine from "@effect/workflow/WorkflowEngine"
import type * as PersistedQueue from "@effect/experimental/PersistedQueue"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Match from "effect/Match"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Instruments } from "../observability/Instruments.js"
import { WebhookPolicy } from "./Policy.js"
import { WebhookRecords } from "./Records.js"

/** What one attempt came to; `Failed` is retried, the others end the cycle. */
const Outcome = Schema.Union(
  Schema.TaggedStruct("Delivered", { status: Schema.Number }),
  Schema.TaggedStruct("Failed", { error: Schema.String }),
  Schema.TaggedStruct("Gone", { status: Schema.Number }),
  Schema.TaggedStruct("Disabled", { reason: Schema.String }),
  Schema.TaggedStruct("Deadline", {})
)

/** One attempt, as the queue worker receives it. */
const Attempt = Schema.Struct({
  messageId: Schema.String,
  endpointId: Schema.String,
  generation: Schema.Number,
  attempt: Schema.Number,
  body: Schema.String,
  /** The attempt timeout; the worker clips it to the deadline (epoch ms), and past it does not call at all. */
  timeoutMs: Schema.Number,
  deadlineAt: Schema.Number
})

/** The queue between the workflow and the HTTP workers: one item per attempt. */
const queue = DurableQueue.make({
  name: "WebhookAttempt",
  payload: Attempt,
  success: Outcome,
  idempotencyKey: (a) => JSON.stringify([a.messageId, a.endpointId, a.generation, a.attempt])
})

const Payload = Schema.Struct({
  messageId: Schema.String,
  endpointId: Schema.String,
  webhook: Schema.String,
  body: Schema.String,
  generation: Schema.Number,
  policy: WebhookPolicy.Resolved
})

const Result = Schema.Struct({ status: WebhookRecords.Status, attempts: Schema.Number })

/** Idempotent per (message, endpoint, generation): sending or replaying twice starts one cycle. */
const workflow = Workflow.make({
  name: "WebhookDelivery",
  payload: Payload,
  success: Result,
  idempotencyKey: (p) => JSON.stringify([p.messageId, p.endpointId, p.generation])
})

type _Payload = typeof Payload.Type
type _Result = typeof Result.Type

/** SQL inside an activity: retried (a brief outage must not fail a delivery), then a defect. */
const _durable = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(Effect.retry({ schedule: Schedule.exponential("100 millis").pipe(Schedule.union(Schedule.spaced("5 seconds"))), times: 30 }), Effect.orDie)

/** Record progress (`attempts` made so far) and read the clock, once: replays see the same time. */
const _plan = (p: _Payload, attempt: number, lastError: string | null) =>
  Activity.make({
    name: `plan/${attempt}`,
    success: Schema.Number,
    execute: WebhookRecords.record({ ...p, status: "delivering", attempts: attempt - 1, lastError }).pipe(
      _durable,
      Effect.zipRight(Clock.currentTimeMillis)
    )
  })

const _ended = Instruments.labels("webhook", "status")
const _webhook = Instruments.labels("webhook")

/** The end of a cycle, counted by its final status (and a dead letter as one). */
const _count = (webhook: string, status: WebhookRecords.Status) =>
  Effect.sync(() => {
    Instruments.webhooks.finished.unsafeUpdate(1, _ended(webhook, status))
    return status === "dead" ? Instruments.webhooks.deadLettered.unsafeUpdate(1, _webhook(webhook)) : undefined
  })

/**
 * The end of a cycle: its final status; a dead letter if undeliverable (a replay that ends any other way
 * than delivered buries its letter again, with the reason); a replayed letter that got through, delivered.
 */
const _finish = (p: _Payload, status: WebhookRecords.Status, attempts: number, lastError: string | null) =>
  Activity.make({
    name: "finish",
    success: Result,
    execute: Effect.gen(function*() {
      yield* WebhookRecords.record({ ...p, status, attempts, lastError })
      yield* status === "dead" || (status !== "delivered" && p.generation > 0)
        ? WebhookRecords.bury({ ...p, attempts, lastError: lastError ?? "undeliverable" }).pipe(
          Effect.zipLeft(Effect.logWarning(`webhook ${p.webhook}: message ${p.messageId} dead-lettered for ${p.endpointId} after ${attempts} attempt(s): ${lastError}`))
        )
        : status === "delivered" && p.generation > 0
        ? WebhookRecords.revived(p.messageId, p.endpointId, p.generation)
        : Effect.void
      yield* _count(p.webhook, status)
      return { status, attempts }
    }).pipe(_durable)
  })

/** The attempt: the queue worker's request under the attempt timeout, clipped to the deadline. */
const _deliver = (p: _Payload, attempt: number, deadlineAt: number) =>
  Activity.make({
    name: `deliver/${attempt}`,
    success: Outcome,
    execute: DurableQueue.process(queue, { ...p, attempt, timeoutMs: p.policy.attemptTimeoutMs, deadlineAt })
  })

/** The deadline: one durable clock per cycle (every attempt races the same one), never in memory. */
const _deadline = (attempt: number, remainingMs: number) =>
  Activity.make({
    name: `deadline/${attempt}`,
    success: Outcome,
    execute: DurableClock.sleep({ name: "deadline", duration: Math.max(1, remainingMs), inMemoryThreshold: Duration.zero }).pipe(
      Effect.as(Outcome.members[4].make({}))
    )
  })

const _then = (lastError: string | null, reason: string) => lastError === null ? reason : `${lastError}; ${reason}`

/** Attempt `attempt` (after its backoff) and what follows from its outcome. */
const _attempt = (
  p: _Payload,
  attempt: number,
  deadlineAt: number,
  lastError: string | null
): Effect.Effect<_Result, never, WorkflowEngine.WorkflowEngine | WorkflowEngine.WorkflowInstance | SqlClient.SqlClient | PersistedQueue.PersistedQueueFactory> =>
  Effect.gen(function*() {
    if (attempt > p.policy.delays.length + 1) {
      return yield* _finish(p, "dead", attempt - 1, _then(lastError, "no attempts left"))
    }
    const now = attempt === 1 ? deadlineAt - p.policy.deadlineMs : yield* _plan(p, attempt, lastError)
    const wait = attempt === 1 ? 0 : WebhookPolicy.wait(p.policy, p, attempt)
    if (now + wait >= deadlineAt) {
      return yield* _finish(p, "dead", attempt - 1, _then(lastError, `the deadline passes before attempt ${attempt}`))
    }
    yield* DurableClock.sleep({ name: `backoff/${attempt}`, duration: wait })
    const remaining = deadlineAt - now - wait
    const deliver = _deliver(p, attempt, deadlineAt)
    const deadline = _deadline(attempt, remaining)
    const outcome = yield* Activity.raceAll(`attempt/${attempt}`, [deliver, deadline])
    yield* Effect.logDebug(`webhook ${p.webhook}: message ${p.messageId} to ${p.endpointId}, attempt ${attempt}: ${outcome._tag}`)
    return yield* Match.value(outcome).pipe(Match.tagsExhaustive({
      Delivered: () => _finish(p, "delivered", attempt, null),
      Gone: (o) => _finish(p, "gone", attempt, `HTTP ${o.status}: the endpoint was disabled`),
      Disabled: (o) => _finish(p, "disabled", attempt - 1, o.reason),
      Deadline: () => _finish(p, "dead", attempt, `the deadline passed during attempt ${attempt}${lastError ? ` (before: ${lastError})` : ""}`),
      Failed: (o) => _attempt(p, attempt + 1, deadlineAt, o.error)
    }))
  })

/** The workflow's body: the deadline runs from the first attempt, whose time is recorded once. */
const layer = workflow.toLayer((p) =>
  Effect.gen(function*() {
    const startedAt = yield* _plan(p, 1, null)
    return yield* _attempt(p, 1, startedAt + p.policy.deadlineMs, null)
  }).pipe(Effect.annotateLogs({ module: "Webhooks", webhook: p.webhook })))

/**
 * Start a cycle without waiting for it (idempotent), its status `delivering` from now on; yields the
 * workflow's execution id.
 */
const start = (p: _Payload) =>
  WebhookRecords.record({ ...p, status: "delivering", attempts: 0, lastError: null }, true).pipe(
    Effect.zipRight(workflow.execute(p, { discard: true }))
  )

export const WebhookDelivery = { Outcome, Attempt, Payload, queue, workflow, layer, start } as const

export declare namespace WebhookDelivery {
  type Outcome = typeof Outcome.Type
  type Attempt = typeof Attempt.Type
  type Payload = typeof Payload.Type
}
