/**
 * One-line renderings of the example app's values for the tour's console output.
 * Pure formatting; it must not read services or decide anything.
 */
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import { Keys } from "../app/Keys.js"
import { Money } from "../app/Money.js"
import type NotificationsContract from "../../contracts/notifications.contract.js"
import type OrdersContract from "../../contracts/orders.contract.js"
import type PaymentsContract from "../../contracts/payments.contract.js"

const order = (o: Show.Order): string =>
  `${Keys.order(o).padEnd(17)} ${o.status.padEnd(9)} ${Money.format(o.total).padStart(12)}  ${o.customerId}, ${o.lines.length} line(s)`

const payment = (p: Show.Payment): string =>
  `${Keys.payment(p)} ${p.status}: authorized ${Money.format(p.authorized)}, captured ${Money.format(p.captured)}, refunded ${
    Money.format(p.refunded)
  }`

const notification = (n: Show.Notification): string =>
  `${DateTime.formatIso(n.sentAt).slice(11, 19)} ${n.channel} "${n.subject}" ${n.readAt === undefined ? "(unread)" : "(read)"}`

/** A typed error as `Tag: { fields }` (what `String(error)` gives for Schema.TaggedError). */
const error = (e: { readonly _tag: string }): string => String(e)

/** Run `effect`; print its success with `ok` or its typed error, indented under `label`. */
const attempt = <A, E extends { readonly _tag: string }, R>(
  label: string,
  effect: Effect.Effect<A, E, R>,
  ok: (a: A) => string
): Effect.Effect<void, never, R> =>
  effect.pipe(
    Effect.matchEffect({
      onFailure: (e) => Console.log(`  ${label}\n    ✗ ${error(e)}`),
      onSuccess: (a) => Console.log(`  ${label}\n    ✓ ${ok(a)}`)
    }),
    Effect.catchAllDefect((d) => Console.log(`  ${label}\n    defect: ${Cause.pretty(Cause.die(d))}`))
  )

const step = (title: string): Effect.Effect<void> => Console.log(`\n── ${title}`)

/** Tour output helpers: `Show.order(o)`, `Show.attempt(label, effect, ok)`, `Show.step(title)`, … */
export const Show = { order, payment, notification, error, attempt, step } as const

export declare namespace Show {
  /** The example app's values, as its public RPCs return them. */
  type Order = typeof OrdersContract.rpcs.GetOrder.success.Type
  type Payment = typeof PaymentsContract.rpcs.GetPayment.success.Type
  type Notification = typeof NotificationsContract.rpcs.Subscribe.success.Type
}
