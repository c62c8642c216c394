// Handler stub created by effect-contracts from test/golden/messaging/contracts/shop.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import type { RebuildIndexJob } from "../../../generated/shop/jobs/RebuildIndex.js"

/**
 * Rebuild the search index of one catalog; long, so its entity is kept alive.
 * Runs job `RebuildIndex`: `job.id` is the job's id, `job.attempt` counts from 1. A typed error is its outcome;
 * a defect is retried up to 5 times, then the job is dead-lettered. The services it needs are required by the contract's layer.
 */
export const RebuildIndexJobHandler: RebuildIndexJob.Handler = (payload, job) =>
  Effect.dieMessage("not implemented: shop.RebuildIndex (edit test/golden/messaging/handlers/shop/jobs/RebuildIndex.ts)")
