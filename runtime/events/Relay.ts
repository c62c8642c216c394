/**
 * The outbox relay: one per cluster (a singleton, so it moves when its pod dies). It wakes when a
 * publishing transaction commits (LISTEN on the channel the publisher NOTIFYs inside that transaction),
 * and on a slow safety sweep for notifications lost with a connection. Each wake-up turns committed
 * outbox rows into persisted deliveries, one per subscription, then deletes the rows. A crash between the
 * two resends: the deliveries' primary keys make those sends storage `Duplicate`s.
 */
import * as Singleton from "@effect/cluster/Singleton"
import * as SqlClient from "@effect/sql/SqlClient"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { Instruments } from "../observability/Instruments.js"
import { Trace } from "../observability/Trace.js"
import { EventsEntity } from "./Entity.js"
import { EventsStore } from "./Store.js"

/** Rows per batch; a full batch is followed by another at once. */
const _batch = 500

/** The safety sweep: with LISTEN (PostgreSQL) it only catches lost notifications; without, it is the wake-up. */
const sweep = { listening: Duration.seconds(2), polling: Duration.millis(100) } as const

interface _Send {
  readonly entityId: string
  readonly payload: typeof EventsEntity.Deliver.payloadSchema.Type
  /** The publishing span: the delivery's trace continues it (the message's envelope carries it on). */
  readonly parent: Trace.Parent
}

/** Every delivery the rows owe, grouped by entity so that each partition receives its events in order. */
const _plan = (rows: ReadonlyArray<EventsStore.Outbox>, subscriptions: ReadonlyArray<EventsStore.Subscription>) => {
  const groups = new Map<string, Array<_Send>>()
  const targets = (row: EventsStore.Outbox) =>
    row.subscription === null
      ? subscriptions.filter((s) => s.contract === row.contract && s.tag === row.tag).map((s) => s.name)
      : [row.subscription]
  rows.forEach((row) =>
    targets(row).forEach((subscription) => {
      const entityId = EventsEntity.entityId(subscription, row.event_id)
      const group = groups.get(entityId) ?? []
      const replay = row.replay === null ? {} : { replay: row.replay }
      const parent = { trace_id: row.trace_id, span_id: row.span_id }
      group.push({ entityId, parent, payload: { subscription, eventId: row.event_id, event: row.event, ...replay } })
      groups.set(entityId, group)
    })
  )
  return [...groups.values()]
}

const _m = Instruments.events

/** A batch or the LISTEN connection failed (counted); after the latter, the relay is not listening until it reconnects. */
const _failed = Effect.sync(() => _m.relayFailures.unsafeUpdate(1, []))
const _lost = Effect.zipRight(_failed, Effect.sync(() => _m.relayListening.unsafeUpdate(0, [])))

const run = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const pg = yield* Effect.serviceOption(PgClient.PgClient)
  const client = yield* EventsEntity.entity.client
  const wake = yield* Queue.sliding<void>(1)

  /** One delivery, in a span continuing its event's publishing trace. */
  const send = (s: _Send) =>
    client(s.entityId).Deliver(s.payload, { discard: true }).pipe(Trace.resume(s.parent, "Events.relay", {
      kind: "producer",
      attributes: { "events.subscription": s.payload.subscription, "events.event_id": s.payload.eventId }
    }))

  /** One batch: plan, send every partition's deliveries in order (partitions in parallel), delete. */
  const relayBatch = Effect.gen(function*() {
    const rows = yield* EventsStore.pending(sql, _batch)
    const subscriptions = yield* EventsStore.subscriptions(sql)
    yield* Effect.forEach(
      _plan(rows, subscriptions),
      (group) => Effect.forEach(group, send, { discard: true }),
      { concurrency: 16, discard: true }
    )
    yield* EventsStore.remove(sql, rows.map((r) => r.id))
    _m.relayed.unsafeUpdate(rows.length, [])
    return rows.length
  })
  const relayAll = relayBatch.pipe(
    Effect.repeat({ while: (n) => n === _batch }),
    Effect.catchAllCause((cause) =>
      Effect.zipRight(_failed, Effect.logWarning("events: relay batch failed, retrying on the next wake-up", cause)))
  )

  yield* Option.match(pg, {
    onNone: () => Effect.void,
    onSome: (client) =>
      client.listen(EventsStore.channel).pipe(
        Stream.onStart(Effect.sync(() => _m.relayListening.unsafeUpdate(1, []))),
        Stream.runForEach(() => Queue.offer(wake, undefined)),
        Effect.catchAllCause((cause) => Effect.zipRight(_lost, Effect.logWarning("events: LISTEN lost, reconnecting", cause))),
        Effect.repeat(Schedule.spaced("1 second")),
        Effect.forkScoped
      )
  })
  yield* Queue.offer(wake, undefined).pipe(
    Effect.repeat(Schedule.spaced(Option.isSome(pg) ? sweep.listening : sweep.polling)),
    Effect.forkScoped
  )
  yield* Effect.acquireRelease(
    Effect.sync(() => _m.relayActive.unsafeUpdate(1, [])),
    () => Effect.sync(() => (_m.relayActive.unsafeUpdate(0, []), _m.relayListening.unsafeUpdate(0, [])))
  )
  yield* Effect.logInfo("events: relay started on this pod")
  return yield* Queue.take(wake).pipe(Effect.zipRight(relayAll), Effect.forever)
}).pipe(Effect.scoped)

/** The relay, registered as a cluster singleton. */
const layer = Singleton.make("effect-contracts/EventRelay", run)

export const EventsRelay = { layer, sweep } as const
