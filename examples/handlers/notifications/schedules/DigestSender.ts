// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import type { Sharding } from "@effect/cluster/Sharding"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { Keys } from "../../../app/Keys.js"
import { ReadModels } from "../../../app/ReadModels.js"
import { SendDigestJob } from "../../../generated/notifications/jobs/SendDigest.js"

/**
 * One pass: a `SendDigest` job per known inbox (the `ReadModels` list, SQL), each run on whichever pod owns it; the
 * job reads the inbox and sends nothing when nothing is unread. The job id names the inbox and the day, so a pass
 * repeated the same day (a new leader) enqueues nothing twice.
 */
const _sendDigests = Effect.gen(function*() {
  const { inboxes } = yield* ReadModels
  const day = DateTime.formatIsoDateUtc(yield* DateTime.now)
  const all = yield* inboxes.all
  yield* Effect.forEach(all, (inbox) =>
    SendDigestJob.enqueue({ ...inbox, day }, { id: `digest/${Keys.inbox(inbox)}/${day}` }).pipe(
      Effect.catchAll((e) => Effect.logWarning(`DigestSender: could not enqueue the digest of ${Keys.inbox(inbox)}`, e))
    ), { discard: true })
  yield* Effect.log(`DigestSender: enqueued ${all.length} digest(s) for ${day}`)
}).pipe(Effect.catchTag("SqlError", (e) => Effect.logWarning("DigestSender: the inboxes could not be read", e)))

/**
 * One cluster-wide sender batching unread notifications into daily digests.
 * Schedule `DigestSender`: runs on exactly one pod at a time; enqueues the digests every day at 08:00 UTC.
 */
export const DigestSenderSchedule: Effect.Effect<void, never, ReadModels | Sharding> = Effect.log(
  "DigestSender: running on this pod; next digests at 08:00 UTC"
).pipe(
  Effect.zipRight(Effect.schedule(_sendDigests, Schedule.cron("0 8 * * *"))),
  Effect.asVoid
)
