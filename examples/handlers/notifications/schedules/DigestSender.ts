// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { Keys } from "../../../app/Keys.js"
import { Store } from "../../../app/Store.js"

/** One pass: a digest per inbox with unread notifications, "sent" as a log line. */
const _sendDigests = Effect.gen(function*() {
  const store = yield* Store
  const unread = Arr.filter(yield* store.notifications.all, (n) => n.readAt === undefined)
  const inboxes = Object.entries(Arr.groupBy(unread, Keys.inbox))
  yield* Effect.forEach(inboxes, ([inbox, ns]) =>
    Effect.log(`DigestSender: digest to ${inbox}: ${ns.length} unread — ${ns.map((n) => n.subject).join("; ")}`))
  yield* Effect.log(`DigestSender: sent ${inboxes.length} digest(s)`)
})

/**
 * One cluster-wide sender batching unread notifications into daily digests.
 * Schedule `DigestSender`: runs on exactly one pod at a time; sends every day at 08:00 UTC.
 */
export const DigestSenderSchedule: Effect.Effect<void, never, Store> = Effect.log(
  "DigestSender: running on this pod; next digests at 08:00 UTC"
).pipe(
  Effect.zipRight(Effect.schedule(_sendDigests, Schedule.cron("0 8 * * *"))),
  Effect.asVoid
)
