// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import type { Sharding } from "@effect/cluster/Sharding"
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { Keys } from "../../../app/Keys.js"
import { Store } from "../../../app/Store.js"
import { SendDigestJob } from "../../../generated/notifications/jobs/SendDigest.js"

/**
 * One pass: a `SendDigest` job per inbox with unread notifications, each run on whichever pod owns it. The
 * job id names the inbox and the day, so a pass repeated the same day (a new leader) enqueues nothing twice.
 */
const _sendDigests = Effect.gen(function*() {
  const store = yield* Store
  const day = DateTime.formatIsoDateUtc(yield* DateTime.now)
  const unread = Arr.filter(yield* store.notifications.all, (n) => n.readAt === undefined)
  const inboxes = Object.values(Arr.groupBy(unread, Keys.inbox)).map((ns) => ns[0])
  yield* Effect.forEach(inboxes, ({ customerId, tenantId }) =>
    SendDigestJob.enqueue({ tenantId, customerId, day }, { id: `digest/${Keys.inbox({ tenantId, customerId })}/${day}` }).pipe(
      Effect.catchAll((e) => Effect.logWarning(`DigestSender: could not enqueue the digest of ${Keys.inbox({ tenantId, customerId })}`, e))
    ), { discard: true })
  yield* Effect.log(`DigestSender: enqueued ${inboxes.length} digest(s) for ${day}`)
})

/**
 * One cluster-wide sender batching unread notifications into daily digests.
 * Schedule `DigestSender`: runs on exactly one pod at a time; enqueues the digests every day at 08:00 UTC.
 */
export const DigestSenderSchedule: Effect.Effect<void, never, Store | Sharding> = Effect.log(
  "DigestSender: running on this pod; next digests at 08:00 UTC"
).pipe(
  Effect.zipRight(Effect.schedule(_sendDigests, Schedule.cron("0 8 * * *"))),
  Effect.asVoid
)
