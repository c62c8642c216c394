// Handler stub created by effect-contracts from test/runtime/events/app/contracts/mailer.contract.ts. Yours to edit: codegen never overwrites it.
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import type { NotifySubscription } from "../../../generated/mailer/subscriptions/Notify.js"
import { Effects } from "../../../Effects.js"

/** Every sale, once: one `ev_effects` row, committed with the delivery's acknowledgement. */
export const NotifyHandler: NotifySubscription.Handler<SqlError.SqlError, SqlClient.SqlClient> = (_event, delivery) =>
  Effects.record("mailer.Notify", delivery)
