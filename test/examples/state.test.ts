/**
 * The durable-state probes of issue 12, rerun on the example app as real pod processes on embedded PostgreSQL: a
 * pod killed with `kill -9` during 200 `PlaceOrder` calls loses no order — each one placed answers `GetOrder` and
 * `ListOrders` the same on the survivor and after a restart — and after a graceful restart a repeated
 * `PlaceOrder` and `GetOrder` agree. Every stored order state has its `OrderPlaced` event (the order list is fed
 * by it), and no event exists without its state.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import OrdersContract from "../../contracts/orders.contract.js"
import { Shared } from "../../contracts/shared.js"
import { DemoPods } from "../../examples/demo/Pods.js"
import { Postgres } from "../../runtime/postgres/Postgres.js"
import { ClusterConfig } from "../../runtime/cluster/ClusterConfig.js"
import { Shop } from "./Shop.js"

const _env = Layer.mergeAll(NodeContext.layer, FetchHttpClient.layer, Postgres.server)

/** An order as its wire form, so two reads compare by value (classes, DateTimes). */
const _encode = Schema.encodeSync(OrdersContract.rpcs.GetOrder.success)
const _wire = (o: typeof OrdersContract.rpcs.GetOrder.success.Type) => _encode(o)

const _ready = (s: Effect.Effect.Success<typeof Shop.make>, pods: ReadonlyArray<DemoPods.Pod>) =>
  Effect.flatMap(Effect.orDie(ClusterConfig.load()), ({ shardsPerGroup }) => DemoPods.ready(pods, s.journal, shardsPerGroup))

describe("example app: durable entity state", () => {
  it.live("kill -9 of one of two pods during 200 PlaceOrder calls: every order placed answers the same on the survivor and after a restart", () =>
    Effect.gen(function*() {
      const s = yield* Shop.make
      const [a, b] = yield* Effect.all([s.start("pod-a"), s.start("pod-b")], { concurrency: "unbounded" })
      yield* _ready(s, [a, b])
      const since = yield* s.journal.next
      const done = yield* Ref.make(0)
      const killed = yield* Deferred.make<void>()
      const kill = Effect.zipRight(Effect.sync(() => process.kill(b.pid, "SIGKILL")), Deferred.succeed(killed, undefined))

      // Every call goes through the survivor; the entities run on both pods. pod-b dies once 60 calls have answered.
      const results = yield* Effect.forEach(Array.from({ length: 200 }, (_, i) => Shop.order(i + 1)), (o) =>
        a.orders.PlaceOrder(o).pipe(
          s.as,
          Effect.either,
          Effect.tap(() => Ref.updateAndGet(done, (n) => n + 1).pipe(Effect.flatMap((n) => n === 60 ? kill : Effect.void)))
        ), { concurrency: 8 })
      yield* Deferred.await(killed)
      const placed = results.flatMap((r) => Either.isRight(r) ? [r.right] : [])
      const failed = results.flatMap((r) => Either.isLeft(r) ? [String(r.left)] : [])
      const onB = (yield* s.journal.wait((l) => l.pod === "pod-b" && /^Order t_probe\/\S+ placed on shard/.test(l.message), { since })).length

      // The survivor answers every placed order as PlaceOrder did; the list (fed by events) holds exactly them.
      const back = yield* Effect.forEach(placed, (o) => s.get(a, o.orderId), { concurrency: 8 })
      const listed = yield* s.listed(a, placed.length)
      console.log(
        `kill -9 probe: ${placed.length} of 200 PlaceOrder calls answered, ${failed.length} failed; pod-b had placed ${onB}; ` +
          `after the kill the survivor found ${back.filter(Either.isRight).length}, its list ${listed.length}`
      )
      expect(failed, "no call failed: the survivor took pod-b's shards and ran its stored messages").toStrictEqual([])
      expect(onB, "pod-b placed orders before it died").toBeGreaterThan(0)
      expect(back.map((r) => Either.map(r, _wire)), "GetOrder on the survivor").toStrictEqual(placed.map((o) => Either.right(_wire(o))))
      expect(listed.map(_wire).sort((x, y) => x.orderId.localeCompare(y.orderId)), "ListOrders on the survivor")
        .toStrictEqual(placed.map(_wire).sort((x, y) => x.orderId.localeCompare(y.orderId)))

      // pod-b comes back: it answers the same, and the stored states are exactly the listed orders.
      const b2 = yield* s.start("pod-b")
      yield* _ready(s, [a, b2])
      const again = yield* Effect.forEach(placed, (o) => s.get(b2, o.orderId), { concurrency: 8 })
      expect(again.map((r) => Either.map(r, _wire)), "GetOrder on the restarted pod").toStrictEqual(placed.map((o) => Either.right(_wire(o))))
      expect((yield* s.list(b2)).map(_wire), "ListOrders on the restarted pod").toStrictEqual(listed.map(_wire))
      const rows = yield* Shop.stored(s.query)
      expect(rows.listed, "every stored order state has its OrderPlaced event, and no event is without its state").toStrictEqual(rows.states)
    }).pipe(Effect.scoped, Effect.provide(_env)), { timeout: 420_000 })

  it.live("graceful restart of both pods: a repeated PlaceOrder answers the stored order and GetOrder agrees; GetPayment needs its tenant's user", () =>
    Effect.gen(function*() {
      const s = yield* Shop.make
      const orders = Array.from({ length: 20 }, (_, i) => Shop.order(500 + i))
      const first = yield* Effect.scoped(Effect.gen(function*() {
        const pods = yield* Effect.all([s.start("pod-a"), s.start("pod-b")], { concurrency: "unbounded" })
        yield* _ready(s, pods)
        return yield* Effect.forEach(orders, (o, i) => s.as(pods[i % 2]!.orders.PlaceOrder(o)), { concurrency: 4 })
      }))
      const pods = yield* Effect.all([s.start("pod-a"), s.start("pod-b")], { concurrency: "unbounded" })
      yield* _ready(s, pods)
      const repeated = yield* Effect.forEach(orders, (o, i) => s.as(pods[(i + 1) % 2]!.orders.PlaceOrder(o)).pipe(Effect.either), { concurrency: 4 })
      const read = yield* Effect.forEach(orders, (o, i) => s.get(pods[i % 2]!, o.orderId), { concurrency: 4 })
      expect(repeated.map((r) => Either.map(r, _wire)), "a repeated PlaceOrder answers what the first one did").toStrictEqual(
        first.map((o) => Either.right(_wire(o)))
      )
      expect(read.map((r) => Either.map(r, _wire)), "GetOrder agrees").toStrictEqual(first.map((o) => Either.right(_wire(o))))
      expect((yield* s.listed(pods[0], orders.length)).length).toBe(orders.length)
      // GetPayment needs a verified user of the payment's tenant, like every orders RPC.
      const payment = (tenantId: string) => ({ tenantId: Shared.TenantId.make(tenantId), paymentId: Shared.PaymentId.make("pay_none") })
      const tags = yield* Effect.all([
        pods[0]!.payments.GetPayment(payment(Shop.tenantId)),
        s.as(pods[1]!.payments.GetPayment(payment("t_other"))),
        s.as(pods[0]!.payments.GetPayment(payment(Shop.tenantId)))
      ].map((call) => Effect.map(Effect.flip(call), (e) => e._tag)))
      expect(tags, "no token, another tenant's payment, an unknown payment of one's own").toStrictEqual(["Unauthorized", "Forbidden", "PaymentNotFound"])
    }).pipe(Effect.scoped, Effect.provide(_env)), { timeout: 300_000 })
})
