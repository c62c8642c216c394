// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import * as Entity from "@effect/cluster/Entity"
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Order from "effect/Order"
import * as Ref from "effect/Ref"
import NotificationsContract from "../../../../contracts/notifications.contract.js"
import { Keys } from "../../../app/Keys.js"
import { Store } from "../../../app/Store.js"
import { NotificationsChannels } from "../../../generated/notifications/Channels.js"
import { InboxEntity } from "../../../generated/notifications/entities/Inbox.js"

const _NotificationNotFound = NotificationsContract.entities.Inbox.rpcs.MarkRead.error
const _InboxId = NotificationsContract.channels.InboxUpdates.key

const _newestFirst = Order.mapInput(Order.reverse(DateTime.Order), (n: Store.Notification) => n.sentAt)

/**
 * Handlers of entity `Inbox`: one instance per `<tenant>/<customer>` (see `Keys.inbox`) holding that
 * customer's notifications, newest first, in a Ref seeded from the store. "Sending" is a log line per channel.
 * Every delivered or read notification is published to the inbox's `InboxUpdates` channel, which reaches its
 * subscribers on every pod. The state is in memory, so there is no transaction to join: it publishes on its own.
 */
export const InboxHandlers = Effect.gen(function*() {
  const store = yield* Store
  const address = yield* Entity.CurrentAddress
  const seeded = (yield* store.notifications.all).filter((n) => Keys.inbox(n) === address.entityId)
  const state = yield* Ref.make<ReadonlyArray<Store.Notification>>(Arr.sort(seeded, _newestFirst))

  const save = (n: Store.Notification) =>
    Ref.update(state, (all) => Arr.sort([n, ...all.filter((o) => o.notificationId !== n.notificationId)], _newestFirst)).pipe(
      Effect.zipRight(store.notifications.put(n)),
      Effect.zipRight(Effect.orDie(NotificationsChannels.InboxUpdates.publish(_InboxId.make(Keys.inbox(n)), n))),
      Effect.as(n)
    )

  return InboxEntity.of({
    /** Store a notification and fan it out on its channel; each notification id is delivered once. */
    Deliver: ({ payload }) =>
      Ref.get(state).pipe(Effect.flatMap((all) =>
        Option.match(Arr.findFirst(all, (n) => n.notificationId === payload.notificationId), {
          onSome: Effect.succeed,
          onNone: () =>
            DateTime.now.pipe(
              Effect.flatMap((sentAt) => save({ ...payload, sentAt })),
              Effect.tap((n) => Effect.log(`Inbox ${address.entityId}: sent ${n.channel} "${n.subject}"`))
            )
        })
      )),
    /** Mark one notification as read. */
    MarkRead: ({ payload }) =>
      Ref.get(state).pipe(Effect.flatMap((all) =>
        Option.match(Arr.findFirst(all, (n) => n.notificationId === payload.notificationId), {
          onNone: () => Effect.fail(new _NotificationNotFound({ tenantId: payload.tenantId, notificationId: payload.notificationId })),
          onSome: (n) =>
            n.readAt === undefined
              ? DateTime.now.pipe(Effect.flatMap((readAt) => save({ ...n, readAt })))
              : Effect.succeed(n)
        })
      )),
    /** Read the inbox's notifications from the entity. */
    List: () => Ref.get(state)
  })
})
