/**
 * The example app as real pods for the durable-state probes: `examples/pod.ts` processes (the demo's `DemoPods`) on
 * a fresh embedded PostgreSQL database, as a signed-in user of one tenant, with the calls the probes make — place
 * orders, read each one back, page through the order list — and the rows they check in the database.
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { Shared } from "../../contracts/shared.js"
import { DemoPods } from "../../examples/demo/Pods.js"
import { Journal } from "../../examples/demo/Journal.js"
import { Tour } from "../../examples/demo/Tour.js"
import type { Show } from "../../examples/tour/Show.js"
import { Postgres } from "../../runtime/postgres/Postgres.js"

/** The probes' tenant and customer. */
const tenantId = Shared.TenantId.make("t_probe")
const customerId = Shared.CustomerId.make("cus_probe")

/** Order `n` of the probe: one line whose price names it, so every order's total differs. */
const order = (n: number) => ({
  tenantId,
  orderId: Shared.OrderId.make(`ord_p${n}`),
  customerId,
  lines: [{ sku: "MUG-01", quantity: 1, unitPrice: { amountCents: 1000 + n, currency: "EUR" as const } }]
})

/**
 * A fresh database with its URL and a client on it, the journal the pods log to, and the probe's calls as a
 * signed-in user of its tenant: `get`, `list`, `listed`.
 */
const make = Effect.gen(function*() {
  const db = yield* Postgres.database("state")
  const client = yield* Layer.build(PgClient.layer({ url: Redacted.make(db.url) }))
  const journal = yield* Journal.make
  const { as } = yield* Tour.signIn
  const start = (name: string) => DemoPods.start({ name, databaseUrl: db.url, journal })
  const query = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
    Effect.flatMap(SqlClient.SqlClient, f).pipe(Effect.provide(client), Effect.orDie)
  const signedIn = as(tenantId)
  return {
    url: db.url,
    journal,
    as: signedIn,
    start,
    query,
    get: (pod: DemoPods.Pod, orderId: Shared.OrderId) => signedIn(_get(pod, orderId)),
    list: (pod: DemoPods.Pod) => signedIn(_list(pod)),
    listed: (pod: DemoPods.Pod, expected: number) => signedIn(_listed(pod, expected))
  }
})

/** The answer of `GetOrder` for `orderId` through `pod`, retried while the cluster moves shards (`Unavailable`). */
const _get = (pod: DemoPods.Pod, orderId: Shared.OrderId) =>
  pod.orders.GetOrder({ tenantId, orderId }).pipe(
    Effect.retry({ schedule: Schedule.spaced("250 millis"), times: 240, while: (e) => e._tag === "Unavailable" }),
    Effect.either
  )

/** Every order of the tenant through `pod`'s `ListOrders`, page by page (20 a page). */
const _list = (pod: DemoPods.Pod) => {
  const page = (cursor: string | undefined, acc: ReadonlyArray<Show.Order>): Effect.Effect<ReadonlyArray<Show.Order>, unknown> =>
    pod.orders.ListOrders({ tenantId, limit: 20, cursor }).pipe(
      Effect.flatMap((p) => p.nextCursor === null ? Effect.succeed([...acc, ...p.orders]) : page(p.nextCursor, [...acc, ...p.orders]))
    )
  return page(undefined, [])
}

/**
 * The order list through `pod` once it holds exactly `expected` orders (the list is fed by events, a moment after
 * each change); what it held last if it never gets there within two minutes.
 */
const _listed = (pod: DemoPods.Pod, expected: number) =>
  _list(pod).pipe(
    Effect.filterOrFail((all) => all.length === expected),
    Effect.retry({ schedule: Schedule.spaced("250 millis"), times: 480 }),
    Effect.orElse(() => _list(pod))
  )

/** `Keys.order` of every Order whose state is stored, and of every order in the order list. */
const stored = (query: Effect.Effect.Success<typeof make>["query"]) =>
  query((sql) =>
    Effect.all({
      states: sql<{ id: string }>`SELECT entity_id AS id FROM ec_entity_state WHERE entity_type = 'Order' ORDER BY entity_id`,
      listed: sql<{ id: string }>`SELECT tenant_id || '/' || order_id AS id FROM shop_orders ORDER BY tenant_id, order_id`
    })
  ).pipe(Effect.map(({ listed, states }) => ({ states: states.map((r) => r.id), listed: listed.map((r) => r.id) })))

export const Shop = { tenantId, customerId, order, make, stored } as const
