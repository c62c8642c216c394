// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import * as Entity from "@effect/cluster/Entity"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Schema from "effect/Schema"
import PaymentsContract from "../../../../contracts/payments.contract.js"
import type { Shared } from "../../../../contracts/shared.js"
import { Keys } from "../../../app/Keys.js"
import { Money } from "../../../app/Money.js"
import { Store } from "../../../app/Store.js"
import { PaymentEntity } from "../../../generated/payments/entities/Payment.js"
import { PaymentsEvents } from "../../../generated/payments/Events.js"

const _rpcs = PaymentsContract.entities.Payment.rpcs
const _Payment = _rpcs.Authorize.success
const _PaymentDeclined = _rpcs.Authorize.error
const [_PaymentNotFound, , _AmountExceeded] = _rpcs.Capture.error.members

type _Payment = typeof _Payment.Type
type _CaptureError = typeof _rpcs.Capture.error.Type
type _Key = { readonly tenantId: Shared.TenantId; readonly paymentId: Shared.PaymentId }

/** The toy provider's only rule: it declines anything above 1 000.00 in any currency. */
const _declineReason = (amount: Shared.Money): Option.Option<typeof _PaymentDeclined.Type["reason"]> =>
  amount.amountCents > 100_000 ? Option.some("insufficient_funds") : Option.none()

const _exceeded = (paymentId: Shared.PaymentId, requested: Shared.Money, available: Shared.Money) =>
  Effect.fail(new _AmountExceeded({ paymentId, requested, available }))

/**
 * Handlers of entity `Payment`: one instance per `<tenant>/<payment>` (see `Keys.payment`), state in a Ref
 * seeded from the store. authorized → captured → partially_refunded → refunded; a declined authorization
 * leaves the payment `failed` and publishes `PaymentFailed` (on its own: the state here is in memory, so there
 * is no transaction to join). Captures are booked in the ledger here; refunds by the Refund workflow.
 */
export const PaymentHandlers = Effect.gen(function*() {
  const store = yield* Store
  const address = yield* Entity.CurrentAddress
  const state = yield* Ref.make(yield* store.payments.get(address.entityId))

  const save = (payment: _Payment) =>
    Ref.set(state, Option.some(payment)).pipe(Effect.zipRight(store.payments.put(payment)), Effect.as(payment))

  const current = (key: _Key) =>
    Ref.get(state).pipe(Effect.flatMap(Option.match({
      onNone: () => Effect.fail(new _PaymentNotFound(key)),
      onSome: Effect.succeed
    })))

  const authorize = (p: Schema.Struct.Type<typeof _rpcs.Authorize.payload>) =>
    DateTime.now.pipe(Effect.flatMap((authorizedAt) => {
      const payment = (status: _Payment["status"]) =>
        new _Payment({
          ...p,
          status,
          authorized: p.amount,
          captured: Money.zero(p.amount.currency),
          refunded: Money.zero(p.amount.currency),
          authorizedAt
        })
      return Option.match(_declineReason(p.amount), {
        onNone: () => save(payment("authorized")),
        onSome: (reason) =>
          save(payment("failed")).pipe(
            Effect.zipRight(PaymentsEvents.publish(PaymentsEvents.PaymentFailed.make({
              payload: { tenantId: p.tenantId, paymentId: p.paymentId, orderId: p.orderId, reason, failedAt: authorizedAt }
            })).pipe(Effect.orDie)),
            Effect.zipRight(Effect.fail(new _PaymentDeclined({ paymentId: p.paymentId, reason })))
          )
      })
    }))

  return PaymentEntity.of({
    /** Reserve the order total on the customer's payment method. */
    Authorize: ({ payload }) =>
      Ref.get(state).pipe(Effect.flatMap(Option.match({
        onNone: () => authorize(payload),
        onSome: (payment) => payment.status === "failed" ? authorize(payload) : Effect.succeed(payment)
      }))),
    /** Capture all or part of the authorized amount. */
    Capture: ({ payload }) =>
      current(payload).pipe(Effect.flatMap((payment): Effect.Effect<_Payment, _CaptureError> => {
        const available = Money.minus(payment.authorized, payment.captured)
        return payment.status === "failed"
          ? Effect.fail(new _PaymentDeclined({
            paymentId: payment.paymentId,
            reason: Option.getOrElse(_declineReason(payment.authorized), () => "provider_unavailable" as const)
          }))
          : !Money.fits(payload.amount, available)
          ? _exceeded(payment.paymentId, payload.amount, available)
          : DateTime.now.pipe(Effect.flatMap((capturedAt) =>
            save(new _Payment({ ...payment, status: "captured", captured: Money.plus(payment.captured, payload.amount), capturedAt }))
              .pipe(Effect.tap(() =>
                store.ledger.put({
                  entryId: `capture/${Keys.payment(payment)}`,
                  tenantId: payment.tenantId,
                  paymentId: payment.paymentId,
                  kind: "capture",
                  amount: payload.amount,
                  bookedAt: capturedAt,
                  memo: `order ${payment.orderId}`
                })
              ))
          ))
      })),
    /** Return captured funds; each refund id is applied at most once. */
    Refund: ({ payload }) =>
      current(payload).pipe(Effect.flatMap((payment) => {
        const available = Money.minus(payment.captured, payment.refunded)
        const refunded = Money.plus(payment.refunded, payload.amount)
        return Money.fits(payload.amount, available) && payment.captured.amountCents > 0
          ? save(new _Payment({
            ...payment,
            refunded,
            status: refunded.amountCents === payment.captured.amountCents ? "refunded" : "partially_refunded"
          }))
          : _exceeded(payment.paymentId, payload.amount, available)
      }))
  })
})
