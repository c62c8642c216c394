// Handler stub created by effect-contracts from test/golden/messaging/contracts/mailer.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { SendDigestJob } from "../../../generated/mailer/jobs/SendDigest.js"

/**
 * Send one day's digest to one address.
 * Runs job `SendDigest`: `job.id` is the job's id, `job.attempt` counts from 1. A typed error is its outcome;
 * a defect is retried as often as the runtime's default says, then the job is dead-lettered. The services it needs are required by the contract's layer.
 */
export const SendDigestJobHandler: SendDigestJob.Handler = (payload, job) =>
  Effect.dieMessage("not implemented: mailer.SendDigest (edit test/golden/messaging/handlers/mailer/jobs/SendDigest.ts)")
