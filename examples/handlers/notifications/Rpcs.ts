// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { EntityClient } from "effect-contracts/EntityClient"
import NotificationsContract from "../../../contracts/notifications.contract.js"
import { Keys } from "../../app/Keys.js"
import { Payloads } from "../../app/Payloads.js"
import { NotificationsChannels } from "../../generated/notifications/Channels.js"
import { InboxEntity } from "../../generated/notifications/entities/Inbox.js"
import { NotificationsRpcs } from "../../generated/notifications/Rpcs.js"

const _InboxId = NotificationsContract.channels.InboxUpdates.key

/**
 * Handlers of the public RPCs of contract `notifications`. Listing asks the customer's Inbox entity;
 * subscribing follows the inbox's `InboxUpdates` channel from now on (its Inbox entity publishes there from
 * whichever pod it runs on), as notifications (`Payloads.of`).
 */
export const NotificationsRpcHandlers = Effect.gen(function*() {
  const inboxes = yield* InboxEntity.client
  return NotificationsRpcs.of({
    /** List a customer's notifications, newest first. */
    ListNotifications: ({ tenantId, customerId, unreadOnly }) =>
      EntityClient.forward(inboxes(Keys.inbox({ tenantId, customerId })).List({ tenantId, customerId })).pipe(
        Effect.map((all) => unreadOnly === true ? all.filter((n) => n.readAt === undefined) : all)
      ),
    /** Stream a customer's notifications as they are delivered. */
    Subscribe: (payload) =>
      Payloads.of(NotificationsChannels.InboxUpdates.subscribe(_InboxId.make(Keys.inbox(payload))), "Subscribe")
  })
})
