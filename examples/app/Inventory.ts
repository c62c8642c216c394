/**
 * Stock levels of the example shop, with all-or-nothing reservations keyed by a reservation id.
 * In memory and seeded at start; it knows nothing of orders or payments.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"

type _Line = { readonly sku: string; readonly quantity: number }

interface _State {
  readonly stock: HashMap.HashMap<string, number>
  readonly held: HashMap.HashMap<string, ReadonlyArray<_Line>>
}

const _seed: ReadonlyArray<readonly [string, number]> = [["TEE-M", 25], ["MUG-01", 10], ["POSTER-A2", 3]]

const _available = (s: _State, l: _Line): boolean => Option.getOrElse(HashMap.get(s.stock, l.sku), () => 0) >= l.quantity

const _adjust = (stock: HashMap.HashMap<string, number>, lines: ReadonlyArray<_Line>, sign: 1 | -1) =>
  lines.reduce((acc, l) => HashMap.modify(acc, l.sku, (n) => n + sign * l.quantity), stock)

const _make = Effect.map(
  Ref.make<_State>({ stock: HashMap.fromIterable(_seed), held: HashMap.empty() }),
  (state): Inventory.Service => ({
    reserve: (id, lines) =>
      Ref.modify(state, (s) =>
        HashMap.has(s.held, id)
          ? [true, s]
          : lines.every((l) => _available(s, l))
          ? [true, { stock: _adjust(s.stock, lines, -1), held: HashMap.set(s.held, id, lines) }]
          : [false, s]),
    release: (id) =>
      Ref.update(state, (s) =>
        Option.match(HashMap.get(s.held, id), {
          onNone: () => s,
          onSome: (lines) => ({ stock: _adjust(s.stock, lines, 1), held: HashMap.remove(s.held, id) })
        })),
    level: (sku) => Ref.get(state).pipe(Effect.map((s) => Option.getOrElse(HashMap.get(s.stock, sku), () => 0)))
  })
)

/** The shop's stock. `Inventory.layer` seeds TEE-M ×25, MUG-01 ×10 and POSTER-A2 ×3. */
export class Inventory extends Context.Tag("examples/Inventory")<Inventory, Inventory.Service>() {
  static readonly layer = Layer.effect(Inventory, _make)
}

export declare namespace Inventory {
  interface Service {
    /** Hold every line or none; true when held. Idempotent: the same id holds once. */
    readonly reserve: (reservationId: string, lines: ReadonlyArray<_Line>) => Effect.Effect<boolean>
    /** Put a reservation's lines back on the shelf; a no-op for an unknown id. */
    readonly release: (reservationId: string) => Effect.Effect<void>
    /** Units of `sku` on the shelf (not held). */
    readonly level: (sku: string) => Effect.Effect<number>
  }
}
