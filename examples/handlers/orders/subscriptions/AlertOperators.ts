// Handler stub created by effect-contracts from contracts/orders.contract.ts. Yours to edit: codegen never overwrites it.
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import type { ParseError } from "effect/ParseResult"
import { OrdersChannels } from "../../../generated/orders/Channels.js"
import type { AlertOperatorsSubscription } from "../../../generated/orders/subscriptions/AlertOperators.js"

/**
 * Tell the tenant's operators, on its `Operations` channel, that a payment for one of its orders was declined:
 * an event forwarded to a channel. The message commits with the delivery's acknowledgement, in one
 * transaction, so a redelivered event never alerts twice.
 */
export const AlertOperatorsHandler: AlertOperatorsSubscription.Handler<SqlError | ParseError, SqlClient.SqlClient> = ({ payload: e }, delivery) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(Effect.zipRight(
      OrdersChannels.Operations.publish(e.tenantId, { kind: "payment_declined", orderId: e.orderId, detail: `${e.paymentId}: ${e.reason}`, at: e.failedAt }),
      delivery.acknowledge
    )))
