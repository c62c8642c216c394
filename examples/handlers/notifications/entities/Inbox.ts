// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import { InboxEntity } from "../../../generated/notifications/entities/Inbox.js"

/** Handlers of entity `Inbox`. Yield the services they need here, then use them below. */
export const InboxHandlers = Effect.gen(function*() {
  return InboxEntity.of({
    /** Store a notification and fan it out on its channel; each notification id is delivered once. */
    Deliver: (request) => Effect.dieMessage("not implemented: notifications/Inbox.Deliver (edit examples/handlers/notifications/entities/Inbox.ts)"),
    /** Mark one notification as read. */
    MarkRead: (request) => Effect.dieMessage("not implemented: notifications/Inbox.MarkRead (edit examples/handlers/notifications/entities/Inbox.ts)"),
    /** Read the inbox's notifications from the entity. */
    List: (request) => Effect.dieMessage("not implemented: notifications/Inbox.List (edit examples/handlers/notifications/entities/Inbox.ts)")
  })
})
