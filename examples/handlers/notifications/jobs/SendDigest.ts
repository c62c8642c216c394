// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import type { Sharding } from "@effect/cluster/Sharding"
import * as Effect from "effect/Effect"
import { Calls } from "../../../app/Calls.js"
import { Keys } from "../../../app/Keys.js"
import { InboxEntity } from "../../../generated/notifications/entities/Inbox.js"
import type { SendDigestJob } from "../../../generated/notifications/jobs/SendDigest.js"

/**
 * Send one customer the day's digest of their unread notifications; enqueued by `DigestSender`.
 * Reads the customer's Inbox entity (wherever it runs) and "sends" the digest as a log line. `DigestSender`
 * enqueues it with the id `digest/<tenant>/<customer>/<day>`, so a customer gets at most one digest a day.
 */
export const SendDigestJobHandler: SendDigestJob.Handler<Sharding> = (payload, job) =>
  Effect.gen(function*() {
    const inboxes = yield* InboxEntity.client
    const all = yield* Calls.reliably(inboxes(Keys.inbox(payload)).List({ tenantId: payload.tenantId, customerId: payload.customerId }))
    const unread = all.filter((n) => n.readAt === undefined)
    yield* unread.length === 0
      ? Effect.log(`SendDigest ${job.id}: nothing unread for ${Keys.inbox(payload)}`)
      : Effect.log(`SendDigest ${job.id} (attempt ${job.attempt}): ${payload.day} digest to ${Keys.inbox(payload)}: ${unread.length} unread — ${unread.map((n) => n.subject).join("; ")}`)
    return { unread: unread.length }
  })
