/**
 * The demo's scripted tour of two running pods: orders and a checkout through the generated typed clients
 * over HTTP as a signed-in user of each tenant (demo bearer tokens), where each one was handled (the handlers'
 * own log lines), what another tenant's user and an anonymous caller get, a tenant's channels over SSE,
 * schedules, and each pod's health.
 */
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Shared } from "../../contracts/shared.js"
import { DemoTokens } from "../app/DemoTokens.js"
import { Keys } from "../app/Keys.js"
import { Money } from "../app/Money.js"
import { Show } from "../tour/Show.js"
import { DemoChannels } from "./Channels.js"
import type { Journal } from "./Journal.js"
import { DemoPods } from "./Pods.js"

type _Pods = readonly [DemoPods.Pod, DemoPods.Pod]
type _Lines = Show.Order["lines"]
type _As = DemoChannels.As

const _ord = Shared.OrderId.make
const _eur = (amountCents: number): Shared.Money => ({ amountCents, currency: "EUR" })
const _usd = (amountCents: number): Shared.Money => ({ amountCents, currency: "USD" })
const _line = (sku: string, quantity: number, unitPrice: Shared.Money): _Lines[number] => ({ sku, quantity, unitPrice })
const _acme = Shared.TenantId.make("t_acme")
const _globex = Shared.TenantId.make("t_globex")
const _ann = Shared.CustomerId.make("cus_ann")
const _cy = Shared.CustomerId.make("cus_cy")
/** The user the demo signs in as, per tenant (`usr_<tenant>`): their token (signed with the demo key, a demo), and `as`. */
const _signIn = Effect.map(DemoTokens.key, (key) => {
  const token = (tenantId: Shared.TenantId) => DemoTokens.sign(key, { tenantId, userId: Shared.UserId.make(`usr_${tenantId.slice(2)}`) })
  const as: _As = (tenantId) => DemoTokens.as(token(tenantId))
  return { token, as }
})

const _orders: ReadonlyArray<readonly [Shared.TenantId, string, Shared.CustomerId, _Lines]> = [
  [_acme, "ord_1001", _ann, [_line("TEE-M", 2, _eur(1990)), _line("MUG-01", 1, _eur(1250))]],
  [_acme, "ord_1002", Shared.CustomerId.make("cus_bob"), [_line("POSTER-A2", 1, _eur(1500))]],
  [_globex, "ord_1001", _cy, [_line("MUG-01", 3, _usd(900))]],
  [_globex, "ord_1002", _cy, [_line("TEE-M", 1, _usd(2200))]],
  [_acme, "ord_1003", _ann, [_line("TEE-M", 1, _eur(1990)), _line("MUG-01", 1, _usd(1250))]]
]

/** Where the Order entity of `key` placed it: its handler's log line, `Order <key> placed on shard <shard>: …`. */
const _placed = (journal: Journal, key: string) =>
  journal.wait((l) => l.message.startsWith(`Order ${key} placed on shard `)).pipe(
    Effect.map(([l]) => ({ pod: l?.pod ?? "?", shard: /on shard (\S+):/.exec(l?.message ?? "")?.[1] ?? "?" }))
  )

const _orderSteps = (pods: _Pods, journal: Journal, as: _As) =>
  Effect.gen(function*() {
    yield* Show.step(
      "1. PlaceOrder via the typed OrdersClient (RPC over HTTP, as a user of the order's tenant): either pod takes every order; its Order entity runs where its shard is"
    )
    yield* Effect.forEach(_orders, ([tenantId, orderId, customerId, lines], i) => {
      const via = pods[i % 2]!
      const key = Keys.order({ tenantId, orderId: _ord(orderId) })
      return via.orders.PlaceOrder({ tenantId, orderId: _ord(orderId), customerId, lines }).pipe(
        as(tenantId),
        Effect.either,
        Effect.flatMap(Either.match({
          onLeft: (e) => Console.log(`  ${key.padEnd(17)} via ${via.name} → ✗ ${Show.error(e)}`),
          onRight: (o) =>
            Effect.flatMap(_placed(journal, key), (at) =>
              Console.log(
                `  ${key.padEnd(17)} via ${via.name} → Order entity on ${at.pod}, shard ${at.shard.padEnd(11)} ✓ ${o.status} ${Money.format(o.total)}`
              ))
        }))
      )
    }, { discard: true })
    const back = { tenantId: _globex, orderId: _ord("ord_1001") }
    yield* Show.attempt(
      `GetOrder ${Keys.order(back)} via ${pods[0].name} as usr_globex (read from its entity, wherever it is)`,
      as(_globex)(pods[0].orders.GetOrder(back)),
      Show.order
    )
    yield* Show.attempt(`the same GetOrder as usr_acme, a user of another tenant`, as(_acme)(pods[1].orders.GetOrder(back)), Show.order)
    yield* Show.attempt(`the same GetOrder without a token`, pods[0].orders.GetOrder(back), Show.order)

    yield* Show.step("2. 24 more orders, 8 at a time through both pods")
    const tenantId = Shared.TenantId.make("t_initech")
    const ids = Array.from({ length: 24 }, (_, i) => _ord(`ord_${3001 + i}`))
    const since = yield* journal.next
    const [took] = yield* Effect.forEach(ids, (orderId, i) =>
      pods[i % 2]!.orders.PlaceOrder({ tenantId, orderId, customerId: _cy, lines: [_line("MUG-01", 1, _eur(1250))] }), {
      concurrency: 8,
      discard: true
    }).pipe(as(tenantId), Effect.timed)
    const handled = yield* journal.wait((l) => l.message.startsWith(`Order ${tenantId}/ord_`), { since, count: ids.length })
    const by = pods.map((p) => `${handled.filter((l) => l.pod === p.name).length} on ${p.name}`).join(", ")
    yield* Console.log(`  ${ids.length} orders of ${tenantId} placed in ${Math.round(Duration.toMillis(took))} ms; their Order entities ran ${by}`)
  })

const _checkoutSteps = (pods: _Pods, journal: Journal, as: _As) =>
  Effect.gen(function*() {
    yield* Show.step("3. CheckoutOrder: the Checkout workflow (place, reserve stock, authorize, capture, notify)")
    const paid = { tenantId: _acme, orderId: _ord("ord_2001"), customerId: _ann, lines: [_line("TEE-M", 3, _eur(1990))] }
    yield* Show.attempt(
      `CheckoutOrder ${Keys.order(paid)} via ${pods[1].name}: 3 × TEE-M at 19.90 EUR, coupon WELCOME10`,
      pods[1].orders.CheckoutOrder({ ...paid, couponCode: "WELCOME10" }).pipe(
        as(_acme),
        Effect.zip(journal.wait((l) => l.message.startsWith(`Checkout ${Keys.order(paid)} done`))),
        Effect.zip(_placed(journal, Keys.order(paid)))
      ),
      ([[r, [done]], order]) =>
        `charged ${Money.format(r.charged)} (payment ${r.paymentId}); the workflow ran on ${done?.pod}, its Order entity on ${order.pod}`
    )
    const declined = { tenantId: _globex, orderId: _ord("ord_2002"), customerId: _cy, lines: [_line("POSTER-A2", 1, _usd(150000))] }
    yield* Show.attempt(
      `CheckoutOrder ${Keys.order(declined)} via ${pods[0].name}: 1 × POSTER-A2 at 1500.00 USD (above the provider's limit)`,
      as(_globex)(pods[0].orders.CheckoutOrder(declined)),
      (r) => `charged ${Money.format(r.charged)}`
    )
    yield* Show.attempt(
      `after its compensations: GetOrder ${Keys.order(declined)} via ${pods[1].name}`,
      as(_globex)(pods[1].orders.GetOrder(declined)),
      Show.order
    )
    const inbox = yield* pods[0].notifications.ListNotifications({ tenantId: _acme, customerId: _ann })
    yield* Console.log(
      `  ListNotifications ${Keys.inbox({ tenantId: _acme, customerId: _ann })} via ${pods[0].name} (from the Inbox entity)\n${
        inbox.map((n) => `    ${Show.notification(n)}`).join("\n")
      }`
    )
  })

const _clusterSteps = (pods: _Pods, journal: Journal) =>
  Effect.gen(function*() {
    yield* Show.step("5. Schedules: each singleton runs on one pod; each cron tick runs once, on one pod")
    const since = yield* journal.next
    yield* Effect.forEach(pods, (pod) =>
      DemoPods.get(pod, "/context", DemoPods.Context).pipe(
        Effect.flatMap(({ body }) =>
          Console.log(`  ${pod.name} (${body.shards} shards) runs singleton(s): ${body.singletons.join(", ") || "none"}`)
        )
      ), { discard: true })
    yield* Console.log("  orders.ExpireStaleCarts (cron */5 * * * * *), the next two ticks:")
    const ticks = yield* journal.wait((l) => l.message.startsWith("ExpireStaleCarts:"), { since, count: 2, timeout: "15 seconds" })
    yield* Effect.forEach(ticks.slice(0, 2), (t) => Console.log(`    ${t.time} on ${t.pod}: ${t.message}`), { discard: true })

    yield* Show.step("6. Health: GET /health on each pod")
    yield* Effect.forEach(pods, (pod) =>
      DemoPods.get(pod, "/health", DemoPods.Report).pipe(
        Effect.flatMap(({ body }) =>
          Console.log(`  ${pod.name} ${body.status}\n${
            Object.entries(body.checks).map(([name, c]) =>
              `    ${name.padEnd(9)}${c.status.padEnd(5)}${`${c.latencyMs} ms`.padStart(9)}  ${
                c.error ?? Object.entries(c.details ?? {}).map(([k, v]) => `${k} ${String(v)}`).join(", ")
              }`.trimEnd()
            ).join("\n")
          }`)
        )
      ), { discard: true })
  })

/**
 * The whole tour over two ready pods; a failed RPC or a missing log line is a defect (the demo exits 1). The SSE
 * streams of step 4 are opened first: a channel subscription starts from now.
 */
const run = (pods: _Pods, journal: Journal) =>
  Effect.flatMap(_signIn, ({ as, token }) =>
    Effect.gen(function*() {
      const followed = yield* DemoChannels.follow(pods[0], token(_acme))
      yield* _orderSteps(pods, journal, as)
      yield* _checkoutSteps(pods, journal, as)
      yield* DemoChannels.step(pods, followed, as)
      yield* _clusterSteps(pods, journal)
    })).pipe(Effect.orDie)

/** `Tour.run(pods, journal)`: the scripted tour `examples/demo.ts` runs; `Tour.signIn`, the demo users' tokens. */
export const Tour = { run, signIn: _signIn } as const
