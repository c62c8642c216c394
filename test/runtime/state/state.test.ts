/**
 * Durable entity state on its own, on SQLite and on (embedded) PostgreSQL: an instance starts from the declared
 * initial value, a change is stored with its events in one transaction, a restarted instance reloads what
 * committed, a change that fails after publishing leaves neither state nor event, and a second instance of the
 * same entity (a second pod) cannot overwrite a newer state.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { describe, expect, layer } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { EntityState } from "effect-contracts/EntityState"
import { Postgres } from "../../../runtime/postgres/Postgres.js"
import { Counter } from "./Counter.js"

const _backends = {
  sqlite: SqliteClient.layer({ filename: ":memory:" }),
  postgres: Postgres.layerClient
} as const

/** The defect a failed exit died with, if it died. */
const _defect = <A, E>(exit: Exit.Exit<A, E>) => Exit.isFailure(exit) ? Option.getOrUndefined(Cause.dieOption(exit.cause)) : undefined

describe.each(Object.keys(_backends) as ReadonlyArray<keyof typeof _backends>)("entity state on %s", (backend) => {
  const env = EntityState.layer.pipe(
    Layer.provideMerge(Layer.effectDiscard(Counter.tables)),
    Layer.provideMerge(Layer.orDie(_backends[backend]))
  )
  layer(env, { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("starts from the initial value; a change is stored, with its event, as version 1", () =>
      Effect.gen(function*() {
        const counter = yield* Counter.instance("a")
        expect(yield* counter.get).toStrictEqual({ count: 0, log: [] })
        expect(yield* counter.version).toBe(0)
        expect(yield* Counter.row("a")).toBeUndefined()
        expect(yield* Counter.bump(counter, "a", 2)).toStrictEqual({ count: 2, log: ["+2"] })
        expect(yield* Counter.row("a")).toStrictEqual({ state: { count: 2, log: ["+2"] }, version: 1 })
        expect(yield* Counter.outbox("a")).toStrictEqual(["counter.Bumped/a/2"])
      }))

    it.effect("a restarted instance (another activation, another pod) reloads what committed", () =>
      Effect.gen(function*() {
        const first = yield* Counter.instance("b")
        yield* Counter.bump(first, "b", 1)
        yield* Counter.bump(first, "b", 2)
        const again = yield* Counter.instance("b")
        expect(yield* again.get).toStrictEqual({ count: 3, log: ["+1", "+2"] })
        expect(yield* again.version).toBe(2)
      }))

    it.effect("a change that fails after publishing leaves neither the state nor its event", () =>
      Effect.gen(function*() {
        const counter = yield* Counter.instance("c")
        yield* Counter.bump(counter, "c", 1)
        const failed = yield* Effect.flip(Counter.bump(counter, "c", 5, "declined"))
        expect(failed).toBe("declined")
        expect(yield* counter.get).toStrictEqual({ count: 1, log: ["+1"] })
        expect(yield* Counter.row("c")).toStrictEqual({ state: { count: 1, log: ["+1"] }, version: 1 })
        expect(yield* Counter.outbox("c"), "the failed change's event rolled back").toStrictEqual(["counter.Bumped/c/1"])
        expect(yield* (yield* Counter.instance("c")).get).toStrictEqual({ count: 1, log: ["+1"] })
      }))

    it.effect("a state that does not encode rolls the change back, events included, as a defect", () =>
      Effect.gen(function*() {
        const counter = yield* Counter.instance("d")
        const exit = yield* Effect.exit(Counter.bump(counter, "d", -1))
        expect((_defect(exit) as { readonly _tag?: string } | undefined)?._tag).toBe("ParseError")
        expect(yield* counter.get).toStrictEqual({ count: 0, log: [] })
        expect(yield* Counter.row("d")).toBeUndefined()
        expect(yield* Counter.outbox("d")).toStrictEqual([])
      }))

    it.effect("a second instance of one entity cannot overwrite a newer state: a conflict, rolled back, as a defect", () =>
      Effect.gen(function*() {
        const [here, there] = [yield* Counter.instance("e"), yield* Counter.instance("e")]
        yield* Counter.bump(here, "e", 1)
        const exit = yield* Effect.exit(Counter.bump(there, "e", 10))
        expect((_defect(exit) as { readonly _tag?: string } | undefined)?._tag).toBe("EntityStateConflict")
        expect(yield* there.get, "the stale instance keeps what it had").toStrictEqual({ count: 0, log: [] })
        expect(yield* Counter.row("e")).toStrictEqual({ state: { count: 1, log: ["+1"] }, version: 1 })
        expect(yield* Counter.outbox("e"), "the refused change's event rolled back").toStrictEqual(["counter.Bumped/e/1"])
        const restarted = yield* Counter.instance("e")
        expect(yield* Counter.bump(restarted, "e", 10)).toStrictEqual({ count: 11, log: ["+1", "+10"] })
      }))

    it.effect("a change opens its own transaction: inside the caller's it is refused before anything is written", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const counter = yield* Counter.instance("f")
        const exit = yield* Effect.exit(sql.withTransaction(Counter.bump(counter, "f", 1)))
        expect(String(_defect(exit))).toContain("opens its own transaction")
        expect(yield* Counter.row("f")).toBeUndefined()
      }))

    it.effect("a change nested in another change's function dies with the same message instead of waiting for the lock", () =>
      Effect.gen(function*() {
        const counter = yield* Counter.instance("g")
        const exit = yield* Effect.exit(counter.update((s) => Effect.as(Counter.bump(counter, "g", 1), s)))
        expect(String(_defect(exit))).toContain("outside another change")
        expect(yield* Counter.row("g")).toBeUndefined()
      }))

    it.effect("fields only a newer version knows survive a change that spreads the state (a rolling deploy)", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        yield* sql`INSERT INTO ec_entity_state (entity_type, entity_id, state, version)
          VALUES ('Counter', 'h', ${JSON.stringify({ count: 2, log: ["+2"], tier: "gold" })}, 1)`
        const counter = yield* Counter.instance("h")
        yield* Counter.bump(counter, "h", 1)
        expect(yield* Counter.row("h")).toStrictEqual({ state: { count: 3, log: ["+2", "+1"], tier: "gold" }, version: 2 })
      }))
  })
})
