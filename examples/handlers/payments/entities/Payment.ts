// Handler stub created by effect-contracts from contracts/payments.contract.ts. Yours to edit: codegen never overwrites it.
import type { SqlClient } from "@effect/sql/SqlClient"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import PaymentsContract from "../../../../contracts/payments.contract.js"
import type { Shared } from "../../../../contracts/shared.js"
import { Money } from "../../../app/Money.js"
import { PaymentEntity, PaymentState } from "../../../generated/payments/entities/Payment.js"
import { PaymentsEvents } from "../../../generated/payments/Events.js"

const _rpcs = PaymentsContract.entities.Payment.rpcs
const _Payment = _rpcs.Authorize.success
const _PaymentDeclined = _rpcs.Authorize.error
const [_PaymentNotFound, , _AmountExceeded] = _rpcs.Capture.error.members

type _Payment = typeof _Payment.Type
type _CaptureError = typeof _rpcs.Capture.error.Type
type _Key = { readonly tenantId: Shared.TenantId; readonly paymentId: Shared.PaymentId }
type _Record = NonNullable<typeof PaymentsContract.entities.Payment.state.Type>

/** The toy provider's only rule: it declines anything above 1 000.00 in any currency. */
const _declineReason = (amount: Shared.Money): Option.Option<typeof _PaymentDeclined.Type["reason"]> =>
  amount.amountCents > 100_000 ? Option.some("insufficient_funds") : Option.none()

const _exceeded = (paymentId: Shared.PaymentId, requested: Shared.Money, available: Shared.Money) =>
  Effect.fail(new _AmountExceeded({ paymentId, requested, available }))

/**
 * Handlers of entity `Payment`: one instance per `<tenant>/<payment>` (see `Keys.payment`). Its state
 * (`PaymentState`) is the payment and the refund ids applied to it, stored in SQL: authorized → captured →
 * partially_refunded → refunded. Each change is one `state.modify`, committed with its event: `PaymentCaptured` and
 * `PaymentRefunded` (which the ledger books), or `PaymentFailed` for a declined authorization — that one commits the
 * `failed` payment and its event, and only then answers the caller `PaymentDeclined`. A capture or refund that
 * finds itself already applied (its pod died after the commit, before the reply was stored) answers the payment.
 */
export const PaymentHandlers = Effect.gen(function*() {
  const state = yield* PaymentState

  const current = (key: _Key) =>
    Effect.flatMap(state.get, (record) => record === null ? Effect.fail(new _PaymentNotFound(key)) : Effect.succeed(record))

  const authorize = (p: Schema.Struct.Type<typeof _rpcs.Authorize.payload>) =>
    state.modify(() =>
      DateTime.now.pipe(Effect.flatMap((authorizedAt) => {
        const payment = (status: _Payment["status"]) =>
          new _Payment({ ...p, status, authorized: p.amount, captured: Money.zero(p.amount.currency), refunded: Money.zero(p.amount.currency), authorizedAt })
        const outcome = Option.match(_declineReason(p.amount), {
          onNone: () => ({ result: Either.right(payment("authorized")), failed: [] }),
          onSome: (reason) => ({
            result: Either.left(new _PaymentDeclined({ paymentId: p.paymentId, reason })),
            failed: [PaymentsEvents.PaymentFailed.make({
              payload: { tenantId: p.tenantId, paymentId: p.paymentId, orderId: p.orderId, reason, failedAt: authorizedAt }
            })]
          })
        })
        const next = { payment: Either.getOrElse(outcome.result, () => payment("failed")), refunds: [] }
        return Effect.as(PaymentsEvents.publish(outcome.failed), [outcome.result as Either.Either<_Payment, typeof _PaymentDeclined.Type>, next] as const)
      }))
    ).pipe(Effect.flatMap(Either.match({ onLeft: (e) => Effect.fail(e), onRight: (p) => Effect.succeed(p) })))

  const capture = ({ payment, refunds }: _Record, amount: Shared.Money) =>
    state.modify(() =>
      DateTime.now.pipe(Effect.flatMap((capturedAt) => {
        const captured = new _Payment({ ...payment, status: "captured", captured: Money.plus(payment.captured, amount), capturedAt })
        return PaymentsEvents.publish(PaymentsEvents.PaymentCaptured.make({
          payload: { tenantId: payment.tenantId, paymentId: payment.paymentId, orderId: payment.orderId, amount, capturedAt }
        })).pipe(Effect.as([captured, { payment: captured, refunds }] as const))
      }))
    )

  const refund = ({ payment, refunds }: _Record, p: Schema.Struct.Type<typeof _rpcs.Refund.payload>) =>
    state.modify(() =>
      DateTime.now.pipe(Effect.flatMap((refundedAt) => {
        const refunded = Money.plus(payment.refunded, p.amount)
        const next = new _Payment({
          ...payment,
          refunded,
          status: refunded.amountCents === payment.captured.amountCents ? "refunded" : "partially_refunded"
        })
        return PaymentsEvents.publish(PaymentsEvents.PaymentRefunded.make({
          payload: { tenantId: payment.tenantId, paymentId: payment.paymentId, orderId: payment.orderId, refundId: p.refundId, amount: p.amount, refundedAt }
        })).pipe(Effect.as([next, { payment: next, refunds: [...refunds, p.refundId] }] as const))
      }))
    )

  return PaymentEntity.of({
    /** Reserve the order total on the customer's payment method. */
    Authorize: ({ payload }) =>
      Effect.flatMap(state.get, (record) =>
        record === null || record.payment.status === "failed" ? authorize(payload) : Effect.succeed(record.payment)),
    /** Capture all or part of the authorized amount. */
    Capture: ({ payload }) =>
      current(payload).pipe(Effect.flatMap((record): Effect.Effect<_Payment, _CaptureError, SqlClient> => {
        const { payment } = record
        const available = Money.minus(payment.authorized, payment.captured)
        return payment.status === "failed"
          ? Effect.fail(new _PaymentDeclined({
            paymentId: payment.paymentId,
            reason: Option.getOrElse(_declineReason(payment.authorized), () => "provider_unavailable" as const)
          }))
          // One capture per payment (its primary key): finding one means this message ran before.
          : payment.captured.amountCents > 0
          ? Effect.succeed(payment)
          : !Money.fits(payload.amount, available)
          ? _exceeded(payment.paymentId, payload.amount, available)
          : capture(record, payload.amount)
      })),
    /** Return captured funds; each refund id is applied at most once. */
    Refund: ({ payload }) =>
      current(payload).pipe(Effect.flatMap((record) => {
        const { payment } = record
        const available = Money.minus(payment.captured, payment.refunded)
        return record.refunds.includes(payload.refundId)
          ? Effect.succeed(payment)
          : Money.fits(payload.amount, available) && payment.captured.amountCents > 0
          ? refund(record, payload)
          : _exceeded(payment.paymentId, payload.amount, available)
      })),
    /** Read the payment's current state from the entity. */
    Get: ({ payload }) => Effect.map(current(payload), (record) => record.payment)
  })
})
