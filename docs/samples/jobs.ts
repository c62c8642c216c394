/**
 * Enqueueing a job, waiting for its result and listing dead letters, shown in docs/messaging.md.
 * Compiled against the example app's generated `SendDigestJob`; nothing here runs.
 */
import * as Effect from "effect/Effect"
import { Jobs } from "effect-contracts/Jobs"
import type { Shared } from "../../contracts/shared.js"
import { SendDigestJob } from "../../examples/generated/notifications/jobs/SendDigest.js"

export const digest = (tenantId: Shared.TenantId, customerId: Shared.CustomerId) =>
  Effect.gen(function*() {
    // #region jobs
    const payload = { tenantId, customerId, day: "2026-11-26" }
    // store the job and return its id; enqueueing the same id again never runs it twice
    const id = yield* SendDigestJob.enqueue(payload, { id: `digest/${tenantId}/${customerId}/2026-11-26` })
    // or wait for its typed result (at most CLUSTER_SEND_TIMEOUT)
    const { unread } = yield* SendDigestJob.run(payload)
    // jobs whose handler kept dying
    const dead = yield* Jobs.deadLetters("notifications.SendDigest")
    // #endregion
    return { id, unread, dead }
  })
