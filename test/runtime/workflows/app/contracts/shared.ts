/**
 * Schemas both builds of the saga share: the v1 payload, the v2 payload that extends it, the result and
 * the typed error a failed step ends the workflow with.
 */
import * as Schema from "effect/Schema"

const Step = Schema.Literal(1, 2, 3)

/** v1: which run, and the faults to inject: fail a step, hold a step until the test opens its gate. */
const SagaV1 = Schema.Struct({
  runId: Schema.String,
  failAt: Schema.optional(Step),
  holdAt: Schema.optional(Step),
  /** Wait for the `Approval` signal after step 1. */
  approval: Schema.optional(Schema.Boolean),
  /** A durable sleep (milliseconds) after the approval, before step 2. */
  sleepMs: Schema.optional(Schema.Int),
  note: Schema.optional(Schema.String)
})

/** v2: a priority, required (a v1 payload never decodes as v2). */
const SagaV2 = Schema.Struct({ ...SagaV1.fields, priority: Schema.Literal("low", "high") })

/** What a completed saga returns: `payloadVersion` is the version the handler recognised. */
const SagaDone = Schema.Struct({
  runId: Schema.String,
  note: Schema.String,
  priority: Schema.String,
  payloadVersion: Schema.Literal(1, 2),
  approvedBy: Schema.optional(Schema.String)
})

/** A step failed (injected): the workflow compensates the steps before it and fails with this. */
class StepFailed extends Schema.TaggedError<StepFailed>()("StepFailed", { runId: Schema.String, step: Step }) {}

export const Shared = { Step, SagaV1, SagaV2, SagaDone, StepFailed } as const
