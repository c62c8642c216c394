/**
 * A stateful entity for the state runtime's own tests, without a contract: a counter whose changes publish a
 * `Bumped` event, instances activated by hand at an address (as the cluster does when an entity starts), and the
 * queries the tests assert on (the stored row, the outbox).
 */
import * as Entity from "@effect/cluster/Entity"
import * as EntityAddress from "@effect/cluster/EntityAddress"
import * as EntityId from "@effect/cluster/EntityId"
import { EntityType } from "@effect/cluster/EntityType"
import * as ShardId from "@effect/cluster/ShardId"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { EntityState } from "effect-contracts/EntityState"
import { Events } from "effect-contracts/Events"
import { EventsStore } from "../../../runtime/events/Store.js"

const State = Schema.Struct({ count: Schema.Int.pipe(Schema.nonNegative()), log: Schema.Array(Schema.String) })

/** The counter's state service: starts at 0 with an empty log. */
const state = EntityState.make("Counter", { state: State, initial: { count: 0, log: [] } })

const _Bumped = Schema.TaggedStruct("Bumped", { payload: Schema.Struct({ id: Schema.String, count: Schema.Int }) })

/** Publish `Bumped` to the outbox, in the caller's transaction. */
const publish = Events.publisher({ contract: "counter", schema: _Bumped, key: (e) => `counter.Bumped/${e.payload.id}/${e.payload.count}` })

/** One running instance of the counter `id`: what its handlers would `yield*` after activation. */
const instance = (id: string) =>
  state.activate(state).pipe(
    Effect.provideService(Entity.CurrentAddress, EntityAddress.make({
      entityType: EntityType.make("Counter"),
      entityId: EntityId.make(id),
      shardId: ShardId.make("default", 1)
    }))
  )

/** Add `by` and publish `Bumped` in the change's transaction; `fail` makes the change fail after publishing. */
const bump = (counter: EntityState.Service<typeof State.Type>, id: string, by: number, fail?: string) =>
  counter.update((s) =>
    Effect.gen(function*() {
      const next = { ...s, count: s.count + by, log: [...s.log, `+${by}`] }
      yield* publish(_Bumped.make({ payload: { id, count: next.count } }))
      return yield* fail === undefined ? Effect.succeed(next) : Effect.fail(fail)
    })
  )

/** The stored row of counter `id` (undefined when none). */
const row = (id: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql<{ state: string; version: number | string }>`SELECT state, version FROM ec_entity_state
      WHERE entity_type = 'Counter' AND entity_id = ${id}`).pipe(
    Effect.map(([r]) => r === undefined ? undefined : { state: JSON.parse(r.state) as unknown, version: Number(r.version) })
  )

/** The event ids in the outbox for counter `id`, oldest first. */
const outbox = (id: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql<{ event_id: string }>`SELECT event_id FROM ec_event_outbox WHERE event_id LIKE ${`counter.Bumped/${id}/%`} ORDER BY id`).pipe(
    Effect.map((rows) => rows.map((r) => r.event_id))
  )

/** The outbox table, as `Events.layer` creates it (these tests run no relay, so rows stay). */
const tables = Effect.flatMap(SqlClient.SqlClient, EventsStore.migrate)

export const Counter = { State, state, instance, bump, publish, row, outbox, tables } as const
