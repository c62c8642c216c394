/**
 * The notifications contract: delivering messages to a customer's inbox, reading and streaming them (its
 * `InboxUpdates` channel, on every pod). Declares schemas only (isomorphic, no I/O); it never sends email itself.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import Orders from "./orders.contract.js"
import { Shared } from "./shared.js"

const _NotificationId = Schema.String.pipe(Schema.pattern(/^ntf_[A-Za-z0-9]+$/), Schema.brand("NotificationId"))

const _Channel = Schema.Literal("email", "sms", "push", "in_app")

const _Notification = Schema.Struct({
  tenantId: Shared.TenantId,
  notificationId: _NotificationId,
  customerId: Shared.CustomerId,
  channel: _Channel,
  subject: Schema.String.pipe(Schema.maxLength(200)),
  body: Schema.String,
  sentAt: Schema.DateTimeUtc,
  readAt: Schema.optional(Schema.DateTimeUtc)
}).annotations({ identifier: "Notification" })

class _NotificationNotFound extends Schema.TaggedError<_NotificationNotFound>()("NotificationNotFound", {
  tenantId: Shared.TenantId,
  notificationId: _NotificationId
}) {}

const _InboxKey = Schema.Struct({ tenantId: Shared.TenantId, customerId: Shared.CustomerId })

/** One customer's inbox as a channel key, `<tenant>/<customer>` (what `Keys.inbox` builds), e.g. `t_acme/cus_ann`. */
const _InboxId = Schema.String.pipe(Schema.pattern(/^t_[a-z0-9]+\/cus_[A-Za-z0-9]+$/), Schema.brand("InboxId"))

export default Contract.make("notifications", {
  /** Its RPCs stay open (`default: "none"`); following a customer's inbox needs a verified user of that tenant. */
  auth: { principal: Shared.Principal, default: "none" },
  events: {
    /** A notification left the shop on one channel. */
    NotificationSent: Contract.event({
      payload: Schema.Struct({
        tenantId: Shared.TenantId,
        notificationId: _NotificationId,
        customerId: Shared.CustomerId,
        channel: _Channel,
        sentAt: Schema.DateTimeUtc
      }),
      key: (e) => `${e.tenantId}/${e.notificationId}`
    })
  },
  rpcs: {
    /** List a customer's notifications, newest first. */
    ListNotifications: Contract.rpc({
      payload: { tenantId: Shared.TenantId, customerId: Shared.CustomerId, unreadOnly: Schema.optional(Schema.Boolean) },
      success: Schema.Array(_Notification)
    }),
    /** Stream a customer's notifications as they are delivered. */
    Subscribe: Contract.rpc({ payload: _InboxKey, success: _Notification, stream: true })
  },
  entities: {
    /** One customer's inbox: orders deliveries and read marks, addressed by customer id. */
    Inbox: Contract.entity({
      /** The customer's notifications, newest first. */
      state: Schema.Array(_Notification),
      initial: [],
      rpcs: {
        /** Store a notification and fan it out on its channel; each notification id is delivered once. */
        Deliver: Contract.rpc({
          payload: {
            tenantId: Shared.TenantId,
            customerId: Shared.CustomerId,
            notificationId: _NotificationId,
            channel: _Channel,
            subject: Schema.String.pipe(Schema.maxLength(200)),
            body: Schema.String
          },
          success: _Notification,
          persisted: true,
          primaryKey: (p) => `${p.tenantId}/${p.customerId}/${p.notificationId}`
        }),
        /** Mark one notification as read. */
        MarkRead: Contract.rpc({
          payload: { tenantId: Shared.TenantId, customerId: Shared.CustomerId, notificationId: _NotificationId },
          success: _Notification,
          error: _NotificationNotFound,
          persisted: true,
          primaryKey: (p) => `${p.tenantId}/${p.customerId}/${p.notificationId}`
        }),
        /** Read the inbox's notifications from the entity. */
        List: Contract.rpc({
          payload: _InboxKey,
          success: Schema.Array(_Notification)
        })
      },
      mailboxCapacity: 128,
      concurrency: 1,
      maxIdleTime: "10 minutes"
    })
  },
  channels: {
    /**
     * Every notification delivered to one customer, and every read mark, as it happens: a message reaches every
     * subscriber of that inbox on every pod. Only users of the inbox's tenant may follow it.
     */
    InboxUpdates: Contract.channel({
      key: _InboxId,
      payload: _Notification,
      auth: "required",
      allow: (inbox, p: Shared.Principal) => inbox.startsWith(`${p.tenantId}/`)
    })
  },
  schedules: {
    /** One cluster-wide sender batching unread notifications into daily digests. */
    DigestSender: Contract.schedule({ singleton: true })
  },
  subscriptions: {
    /** Tell the customer that their order was placed or cancelled, in their inbox. */
    NotifyCustomer: Contract.subscription({ to: Orders, events: ["OrderPlaced", "OrderCancelled"] })
  },
  jobs: {
    /** Send one customer the day's digest of their unread notifications; enqueued by `DigestSender`. */
    SendDigest: Contract.job({
      payload: { tenantId: Shared.TenantId, customerId: Shared.CustomerId, day: Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)) },
      success: Schema.Struct({ unread: Schema.Int }),
      concurrency: 4,
      retry: { times: 2 }
    })
  }
})
