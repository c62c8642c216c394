/**
 * One pod of the events tests, as a real OS process: the shop's subscriptions and the events runtime on
 * the PostgreSQL cluster, plus HTTP routes that publish in transactions (some rolled back, some
 * published twice). Configured by environment variables only.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Health } from "../../../runtime/http/Health.js"
import { Shop } from "./Shop.js"
import { TestPod } from "../../support/TestPod.js"

const _Batch = Schema.Array(Schema.Struct({
  id: Schema.Int,
  rollback: Schema.Boolean,
  twice: Schema.Boolean,
  refund: Schema.Boolean
}))

/** One business transaction: the sale row and its events commit (or roll back) together. */
const _transaction = (sql: SqlClient.SqlClient, t: typeof _Batch.Type[number]) =>
  sql.withTransaction(Effect.gen(function*() {
    yield* sql`INSERT INTO ev_sales (id) VALUES (${t.id})`
    const sale = Shop.Sale.make({ payload: { id: t.id, amount: 1 } })
    yield* Shop.publish(t.refund ? [sale, Shop.Refund.make({ payload: { id: t.id } })] : sale)
    return yield* t.rollback ? Effect.fail("rollback" as const) : Effect.succeed(t.id)
  })).pipe(
    // A publisher retry: the same event again, in a transaction of its own.
    Effect.tap(() => t.twice ? Shop.publish(Shop.Sale.make({ payload: { id: t.id, amount: 1 } })) : Effect.void),
    Effect.option
  )

const _routes = HttpRouter.empty.pipe(
  HttpRouter.post(
    "/batch",
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const batch = yield* HttpServerRequest.schemaBodyJson(_Batch)
      const outcomes = yield* Effect.forEach(batch, (t) => _transaction(sql, t))
      return yield* HttpServerResponse.json({ committed: outcomes.flatMap((o) => o._tag === "Some" ? [o.value] : []) })
    })
  ),
  HttpRouter.post(
    "/invalid",
    Shop.publish({ _tag: "Sale", payload: { id: 1, amount: -5 } }).pipe(
      Effect.flip,
      Effect.flatMap((error) => HttpServerResponse.json({ error: error._tag, message: error.message }))
    )
  ),
  HttpRouter.concat(Health.router),
  HttpRouter.catchAllCause((cause) => HttpServerResponse.text(String(cause), { status: 500 }))
)

const _main = Layer.mergeAll(TestPod.http(_routes), Shop.subscriptions).pipe(Layer.provide(TestPod.infra))

NodeRuntime.runMain(Layer.launch(_main))
