/**
 * Arithmetic on the contracts' `Money` (integer minor units plus a currency) for the example app.
 * Never mixes currencies silently: operations that could are total functions returning an Option.
 */
import * as Arr from "effect/Array"
import * as Option from "effect/Option"
import type { Shared } from "../../contracts/shared.js"

type _Line = { readonly quantity: number; readonly unitPrice: Shared.Money }

const zero = (currency: Shared.Currency): Shared.Money => ({ amountCents: 0, currency })

const plus = (a: Shared.Money, b: Shared.Money): Shared.Money => ({ amountCents: a.amountCents + b.amountCents, currency: a.currency })

/** `a - b`, floored at zero; callers compare with `fits` first when the floor matters. */
const minus = (a: Shared.Money, b: Shared.Money): Shared.Money => ({
  amountCents: Math.max(0, a.amountCents - b.amountCents),
  currency: a.currency
})

/** Whether `amount` is in the same currency as `available` and does not exceed it. */
const fits = (amount: Shared.Money, available: Shared.Money): boolean =>
  amount.currency === available.currency && amount.amountCents <= available.amountCents

/** The total of order lines; none when the lines mix currencies (or there are none). */
const total = (lines: ReadonlyArray<_Line>): Option.Option<Shared.Money> =>
  Arr.matchLeft(lines, {
    onEmpty: () => Option.none(),
    onNonEmpty: (first) =>
      Arr.every(lines, (l) => l.unitPrice.currency === first.unitPrice.currency)
        ? Option.some(Arr.reduce(lines, zero(first.unitPrice.currency), (sum, l) => ({
          amountCents: sum.amountCents + l.quantity * l.unitPrice.amountCents,
          currency: sum.currency
        })))
        : Option.none()
  })

/** `percent` % off, rounded to the nearest cent in the customer's favour. */
const percentOff = (m: Shared.Money, percent: number): Shared.Money => ({
  amountCents: Math.floor((m.amountCents * (100 - percent)) / 100),
  currency: m.currency
})

const format = (m: Shared.Money): string => `${(m.amountCents / 100).toFixed(2)} ${m.currency}`

/** Money helpers: `Money.total(lines)`, `Money.fits(amount, available)`, `Money.format(m)`, … */
export const Money = { zero, plus, minus, fits, total, percentOff, format } as const
