// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import * as Entity from "@effect/cluster/Entity"
import * as Arr from "effect/Array"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Order from "effect/Order"
import NotificationsContract from "../../../../contracts/notifications.contract.js"
import { Keys } from "../../../app/Keys.js"
import { NotificationsChannels } from "../../../generated/notifications/Channels.js"
import { InboxEntity, InboxState } from "../../../generated/notifications/entities/Inbox.js"
import { NotificationsEvents } from "../../../generated/notifications/Events.js"

const _NotificationNotFound = NotificationsContract.entities.Inbox.rpcs.MarkRead.error
const _InboxId = NotificationsContract.channels.InboxUpdates.key

type _Notification = typeof NotificationsContract.entities.Inbox.rpcs.Deliver.success.Type

const _newestFirst = Order.mapInput(Order.reverse(DateTime.Order), (n: _Notification) => n.sentAt)

/** `all` with `n` in place of the notification of its id (or added), newest first. */
const _with = (all: ReadonlyArray<_Notification>, n: _Notification) =>
  Arr.sort([n, ...all.filter((o) => o.notificationId !== n.notificationId)], _newestFirst)

/**
 * Handlers of entity `Inbox`: one instance per `<tenant>/<customer>` (see `Keys.inbox`). Its state (`InboxState`)
 * is that customer's notifications, newest first, stored in SQL. "Sending" is a log line per channel. Every
 * delivered or read notification is published to the inbox's `InboxUpdates` channel (which reaches its subscribers
 * on every pod) in the transaction that stores it; a delivery also publishes `NotificationSent`.
 */
export const InboxHandlers = Effect.gen(function*() {
  const state = yield* InboxState
  const address = yield* Entity.CurrentAddress
  const find = (id: _Notification["notificationId"]) => Effect.map(state.get, Arr.findFirst((n) => n.notificationId === id))
  const announce = (n: _Notification) => NotificationsChannels.InboxUpdates.publish(_InboxId.make(Keys.inbox(n)), n)

  return InboxEntity.of({
    /** Store a notification and fan it out on its channel; each notification id is delivered once. */
    Deliver: ({ payload }) =>
      Effect.flatMap(find(payload.notificationId), Option.match({
        onSome: Effect.succeed,
        onNone: () =>
          state.modify((all) =>
            DateTime.now.pipe(Effect.flatMap((sentAt) => {
              const n: _Notification = { ...payload, sentAt }
              return Effect.all([
                announce(n),
                NotificationsEvents.publish(NotificationsEvents.NotificationSent.make({ payload: n }))
              ], { discard: true }).pipe(Effect.as([n, _with(all, n)] as const))
            }))
          ).pipe(Effect.tap((n) => Effect.log(`Inbox ${address.entityId}: sent ${n.channel} "${n.subject}"`)))
      })),
    /** Mark one notification as read. */
    MarkRead: ({ payload }) =>
      Effect.flatMap(find(payload.notificationId), Option.match({
        onNone: () => Effect.fail(new _NotificationNotFound({ tenantId: payload.tenantId, notificationId: payload.notificationId })),
        onSome: (n) =>
          n.readAt !== undefined
            ? Effect.succeed(n)
            : state.modify((all) =>
              DateTime.now.pipe(Effect.flatMap((readAt) => {
                const read: _Notification = { ...n, readAt }
                return Effect.as(announce(read), [read, _with(all, read)] as const)
              }))
            )
      })),
    /** Read the inbox's notifications from the entity. */
    List: () => state.get
  })
})
