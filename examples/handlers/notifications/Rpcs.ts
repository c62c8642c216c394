// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { NotificationsRpcs } from "../../generated/notifications/Rpcs.js"

/** Handlers of the public RPCs of contract `notifications`. Yield the services they need here, then use them below. */
export const NotificationsRpcHandlers = Effect.gen(function*() {
  return NotificationsRpcs.of({
    /** List a customer's notifications, newest first. */
    ListNotifications: (payload) => Effect.dieMessage("not implemented: notifications.ListNotifications (edit examples/handlers/notifications/Rpcs.ts)"),
    /** Stream a customer's notifications as they are delivered. */
    Subscribe: (payload) => Stream.dieMessage("not implemented: notifications.Subscribe (edit examples/handlers/notifications/Rpcs.ts)")
  })
})
