// Handler stub created by effect-contracts from contracts/projections.contract.ts. Yours to edit: codegen never overwrites it.
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import { ReadModels } from "../../../app/ReadModels.js"
import type { InboxesSubscription } from "../../../generated/projections/subscriptions/Inboxes.js"

/**
 * Every inbox that received a notification: the inboxes `DigestSender` sends digests to. Recorded with
 * `delivery.acknowledge` in one transaction; an inbox already known stays as it is.
 */
export const InboxesHandler: InboxesSubscription.Handler<SqlError, ReadModels | SqlClient.SqlClient> = ({ payload: e }, delivery) =>
  Effect.gen(function*() {
    const { inboxes } = yield* ReadModels
    const sql = yield* SqlClient.SqlClient
    yield* sql.withTransaction(Effect.zipRight(inboxes.add(e), delivery.acknowledge))
  })
