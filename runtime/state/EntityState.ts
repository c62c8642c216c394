/**
 * Durable entity state (EVNT-05): an entity declared with `state` in its contract keeps it in SQL, one row per
 * entity address, loaded when the entity starts on a pod and written in the same transaction as the outbox rows
 * and channel messages its change publishes — the state and its events commit together or not at all.
 *
 * Building blocks: `@effect/sql` (the caller's `SqlClient` and its `withTransaction`) and `Schema.parseJson` of
 * the contract's state schema, with a version checked on every write. Considered and not used:
 * `@effect/experimental` `Machine.makeSerializable` is an actor with its own mailbox beside the cluster's entity
 * (which already serializes an instance's messages) and leaves saving its snapshot to the caller, outside a
 * transaction; `Persistence` stores are caches (TTL, no transaction, no SQL backing in 0.61); and
 * `KeyValueStore.layerSchema` over a SQL-backed store would join the transaction but has no compare-and-set, so a
 * second pod running the same entity (or a commit whose outcome was lost) would overwrite state silently, and it
 * reports storage failures as `PlatformError`. A version check turns both into a restart that reloads the state.
 */
import * as Entity from "@effect/cluster/Entity"
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { StateStore } from "./StateStore.js"

/**
 * The failures of the storage (SQL, a value that does not encode or decode, a version conflict): inside a change
 * they roll it back and are a defect, so the cluster restarts the entity, which reloads its state and runs the
 * message again. Publishing an event or channel message that does not encode is one too (it is a bug).
 */
type _Storage = SqlError.SqlError | ParseResult.ParseError | StateStore.Conflict

const _isStorage = (u: unknown): u is _Storage =>
  Predicate.isTagged(u, "SqlError") || Predicate.isTagged(u, "ParseError") || Predicate.isTagged(u, "EntityStateConflict")

/**
 * Fields the schema does not know are kept through a load and a write: during a rolling deploy, a pod of the
 * previous version rewrites a state a newer pod wrote without dropping the fields only the newer one knows.
 */
const _keepUnknown = { onExcessProperty: "preserve" } as const

/** Proof that the state table exists: `EntityState.layer` creates it and provides this. */
class _Table extends Context.Tag("effect-contracts/EntityState/Table")<_Table, SqlClient.SqlClient>() {}

/** Creates the state table on start (`AppLayer` provides it when an entity of the app declares state). */
const layer: Layer.Layer<_Table, never, SqlClient.SqlClient> = Layer.effect(
  _Table,
  Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.as(StateStore.migrate(sql), sql))
).pipe(Layer.orDie)

/** The service of one running instance: its state in memory, as last committed, and the version it was read at. */
const _service = <A, I>(sql: SqlClient.SqlClient, address: Entity.CurrentAddress["Type"], schema: Schema.Schema<A, I>, initial: A) =>
  Effect.gen(function*() {
    const at = { entityType: address.entityType, entityId: address.entityId }
    const json = Schema.parseJson(schema)
    const encode = Schema.encode(json, _keepUnknown)
    const loaded = yield* StateStore.load(sql, at.entityType, at.entityId)
    const state = loaded.state === undefined ? initial : yield* Schema.decode(json, _keepUnknown)(loaded.state)
    const current = yield* Ref.make({ state, version: loaded.version })
    const lock = yield* Effect.makeSemaphore(1)

    // Checked before taking the lock: a change nested in another's `f` runs inside that one's transaction, and
    // would otherwise wait forever for the lock its caller holds.
    const modify = <B, E, R>(f: (state: A) => Effect.Effect<readonly [B, A], E, R>) =>
      Effect.serviceOption(SqlClient.TransactionConnection).pipe(Effect.flatMap((outer) =>
        outer._tag === "Some"
          ? Effect.dieMessage(`EntityState ${at.entityType}/${at.entityId}: a change opens its own transaction; call it outside sql.withTransaction and outside another change`)
          : lock.withPermits(1)(Effect.gen(function*() {
            const before = yield* Ref.get(current)
            const [result, next] = yield* sql.withTransaction(Effect.gen(function*() {
              const [result, next] = yield* f(before.state)
              yield* StateStore.save(sql, at, before.version, yield* encode(next))
              return [result, next] as const
            })).pipe(Effect.catchIf(_isStorage, (e) => Effect.die(e)))
            yield* Ref.set(current, { state: next, version: before.version + 1 })
            return result
          }))
      ))

    const service: EntityState.Service<A> = {
      get: Effect.map(Ref.get(current), (c) => c.state),
      version: Effect.map(Ref.get(current), (c) => c.version),
      modify,
      update: (f) => modify((s) => Effect.map(f(s), (next) => [next, next] as const))
    }
    return service
  })

/**
 * The state of entity type `Type`, declared by its contract (`{ state, initial }`): a service tag handlers
 * `yield*`, and `activate(handlers)`, which loads the instance's state and provides it to the handlers' build.
 * The generated entity module makes one per stateful entity; the generated contract layer calls `activate`.
 */
const make = <const Type extends string, A, I>(
  entityType: Type,
  declaration: { readonly state: Schema.Schema<A, I>; readonly initial: NoInfer<A> }
): EntityState<Type, A> => {
  const tag = Context.GenericTag<EntityState.Of<Type>, EntityState.Service<A>>(`effect-contracts/EntityState/${entityType}`)
  const activate = <H, E, R>(handlers: Effect.Effect<H, E, R>) =>
    Effect.gen(function*() {
      const sql = yield* _Table
      const address = yield* Entity.CurrentAddress
      const service = yield* _service(sql, address, declaration.state, declaration.initial).pipe(Effect.orDie)
      return yield* Effect.provideService(handlers, tag, service)
    })
  return Object.assign(tag, { entityType, activate })
}

/**
 * Durable entity state. Handlers read it with `get` and change it with `update` / `modify`: the change's
 * function runs in one SQL transaction with the state's write, so the events it publishes (`<C>Events.publish`)
 * and channel messages (`<C>Channels.X.publish`) commit with it, or nothing does. Its typed errors roll the change
 * back and pass through. A storage failure (the write's `SqlError` or the commit's, a value that does not encode,
 * a version conflict) rolls it back and is a defect: the cluster restarts the entity, which reloads its state,
 * and runs the message again — so a state value that does not encode is a bug that stops its entity.
 */
export const EntityState = { make, layer } as const

/** The state service tag of entity type `Type` (state `A`), with `activate`. */
export type EntityState<Type extends string, A> = Context.Tag<EntityState.Of<Type>, EntityState.Service<A>> & {
  readonly entityType: Type
  /** Load the current instance's state (`Entity.CurrentAddress`) and provide it to `handlers`. */
  readonly activate: <H, E, R>(
    handlers: Effect.Effect<H, E, R>
  ) => Effect.Effect<H, E, Exclude<R, EntityState.Of<Type>> | EntityState.Table | Entity.CurrentAddress>
}

export declare namespace EntityState {
  /** The identifier of entity type `Type`'s state service. */
  interface Of<Type extends string> {
    readonly _: unique symbol
    readonly entityType: Type
  }
  /** The state table, created by `EntityState.layer`. */
  type Table = _Table
  interface Service<A> {
    /** The state as last committed (the contract's `initial` before the first change). */
    readonly get: Effect.Effect<A>
    /** How many changes were committed (0 before the first). */
    readonly version: Effect.Effect<number>
    /** Change the state in one transaction with whatever `f` writes; the new state. */
    readonly update: <E, R>(f: (state: A) => Effect.Effect<A, E, R>) => Effect.Effect<A, Exclude<E, _Storage>, R>
    /** The same, where `f` also returns a result: `[result, next state]`; the result. */
    readonly modify: <B, E, R>(f: (state: A) => Effect.Effect<readonly [B, A], E, R>) => Effect.Effect<B, Exclude<E, _Storage>, R>
  }
}
