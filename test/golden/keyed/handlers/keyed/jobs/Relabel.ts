// Handler stub created by effect-contracts from test/golden/keyed/contracts/keyed.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { RelabelJob } from "../../../generated/keyed/jobs/Relabel.js"

/**
 * Runs job `Relabel`: `job.id` is the job's id, `job.attempt` counts from 1. A typed error is its outcome;
 * a defect is retried as often as the runtime's default says, then the job is dead-lettered. The services it needs are required by the contract's layer.
 */
export const RelabelJobHandler: RelabelJob.Handler = (payload, job) =>
  Effect.dieMessage("not implemented: keyed.Relabel (edit test/golden/keyed/handlers/keyed/jobs/Relabel.ts)")
