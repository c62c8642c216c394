// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { EntityClient } from "effect-contracts/EntityClient"
import { Keys } from "../../app/Keys.js"
import { Store } from "../../app/Store.js"
import { InboxEntity } from "../../generated/notifications/entities/Inbox.js"
import { NotificationsRpcs } from "../../generated/notifications/Rpcs.js"

/**
 * Handlers of the public RPCs of contract `notifications`. Listing asks the customer's Inbox entity;
 * subscribing follows the store's notification feed (current notifications first, then new ones).
 */
export const NotificationsRpcHandlers = Effect.gen(function*() {
  const store = yield* Store
  const inboxes = yield* InboxEntity.client
  return NotificationsRpcs.of({
    /** List a customer's notifications, newest first. */
    ListNotifications: ({ tenantId, customerId, unreadOnly }) =>
      EntityClient.forward(inboxes(Keys.inbox({ tenantId, customerId })).List({ tenantId, customerId })).pipe(
        Effect.map((all) => unreadOnly === true ? all.filter((n) => n.readAt === undefined) : all)
      ),
    /** Stream a customer's notifications as they are delivered. */
    Subscribe: (payload) =>
      Stream.filter(store.notifications.watch, (n) => Keys.inbox(n) === Keys.inbox(payload))
  })
})
