// Handler stub created by effect-contracts from test/golden/keyed/contracts/keyed.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { SweepJob } from "../../../generated/keyed/jobs/Sweep.js"

/**
 * Runs job `Sweep`: `job.id` is the job's id, `job.attempt` counts from 1. A typed error is its outcome;
 * a defect is retried as often as the runtime's default says, then the job is dead-lettered. The services it needs are required by the contract's layer.
 */
export const SweepJobHandler: SweepJob.Handler = (payload, job) =>
  Effect.dieMessage("not implemented: keyed.Sweep (edit test/golden/keyed/handlers/keyed/jobs/Sweep.ts)")
