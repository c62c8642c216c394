/**
 * Entity clients whose calls never hang: every request/reply call fails with a typed `SendTimeout`
 * after the cluster's send timeout (`CLUSTER_SEND_TIMEOUT`, 30 s by default) — during a fail-over the
 * library's own calls would wait forever. Streams are left alone: they may legitimately run for hours.
 * A payload that does not validate fails with a typed ParseError before anything is sent or stored.
 * `forward` turns these failures into the `Unavailable` edge error a public RPC's client decodes.
 */
import type * as ClusterError from "@effect/cluster/ClusterError"
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import type * as Entity from "@effect/cluster/Entity"
import * as EntityAddress from "@effect/cluster/EntityAddress"
import * as EntityId from "@effect/cluster/EntityId"
import * as EntityType from "@effect/cluster/EntityType"
import * as MessageStorage from "@effect/cluster/MessageStorage"
import type * as Sharding from "@effect/cluster/Sharding"
import type * as Rpc from "@effect/rpc/Rpc"
import type * as RpcClient from "@effect/rpc/RpcClient"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as PrimaryKey from "effect/PrimaryKey"
import * as Schedule from "effect/Schedule"
import { EdgeError } from "../contract/EdgeError.js"
import { ClusterConfig } from "./ClusterConfig.js"

/**
 * A call to an entity got no reply within the send timeout. `outcome` says what became of it: a persisted
 * message found in storage by its primary key is `stored` (it will still run, once), one not found is
 * `not-stored`; any other call is `unknown` (it may still run).
 */
class _SendTimeout extends Data.TaggedError("SendTimeout")<{
  readonly entityType: string
  readonly entityId: string
  readonly rpc: string
  readonly timeout: Duration.Duration
  readonly outcome: "stored" | "not-stored" | "unknown"
}> {
  override get message(): string {
    return `${this.entityType}(${this.entityId}).${this.rpc}: no reply within ${Duration.format(this.timeout)} (${
      this.outcome === "stored" ? "stored: it will still run" : this.outcome === "not-stored" ? "not stored: it will not run" : "it may still run"
    })`
  }
}

/** Where a timed-out persisted call stands: looked up in the message storage by its primary key. */
const _outcome = (entity: Entity.Entity<string, Rpc.Any>, entityId: string, rpc: string, payload: unknown) =>
  Effect.gen(function*() {
    const definition = entity.protocol.requests.get(rpc) as Rpc.AnyWithProps | undefined
    const persisted = definition !== undefined && Context.get(definition.annotations, ClusterSchema.Persisted)
    const schema = definition?.payloadSchema as { readonly make?: (input: unknown) => unknown } | undefined
    const made = persisted && typeof schema?.make === "function" ? schema.make(payload) : undefined
    const key = typeof made === "object" && made !== null && PrimaryKey.symbol in made ? PrimaryKey.value(made as PrimaryKey.PrimaryKey) : undefined
    const storage = yield* Effect.serviceOption(MessageStorage.MessageStorage)
    const shardId = yield* entity.getShardId(EntityId.make(entityId))
    const found = key === undefined || Option.isNone(storage)
      ? Option.none<Option.Option<unknown>>()
      : Option.some(yield* storage.value.requestIdForPrimaryKey({
        address: EntityAddress.make({ shardId, entityType: EntityType.EntityType.make(entity.type), entityId: EntityId.make(entityId) }),
        tag: rpc,
        id: key
      }))
    return Option.match(found, { onNone: () => "unknown" as const, onSome: (id) => Option.isSome(id) ? "stored" as const : "not-stored" as const })
  }).pipe(Effect.orElseSucceed(() => "unknown" as const))

type _Call = (payload: unknown, options?: unknown) => unknown

/**
 * The library's client is a Proxy that makes methods on access: wrap each RPC of the protocol. Its
 * calls validate the payload by constructing it and die with a ParseError: that becomes a typed failure.
 */
const _timedOut = Symbol.for("effect-contracts/EntityClient/timedOut")

const _wrap = (
  entity: Entity.Entity<string, Rpc.Any>,
  entityId: string,
  timeout: Duration.Duration,
  client: object,
  context: Context.Context<Sharding.Sharding>
): object =>
  Object.fromEntries(
    [...entity.protocol.requests.keys()].map((rpc) => [
      rpc,
      (payload: unknown, options?: unknown) => {
        const result = (client as Readonly<Record<string, _Call>>)[rpc]!(payload, options)
        return Effect.isEffect(result)
          ? result.pipe(
            Effect.catchSomeDefect((d) => ParseResult.isParseError(d) ? Option.some(Effect.fail(d)) : Option.none()),
            Effect.timeoutFail({ duration: timeout, onTimeout: () => _timedOut }),
            Effect.catchIf((e): e is typeof _timedOut => e === _timedOut, () =>
              Effect.flatMap(Effect.provide(_outcome(entity, entityId, rpc, payload), context), (outcome) =>
                Effect.fail(new _SendTimeout({ entityType: entity.type, entityId, rpc, timeout, outcome }))))
          )
          : result
      }
    ])
  )

/**
 * `entity.client`, with every request/reply call bounded by `timeout` (default: the configured send
 * timeout). Use it wherever the library's `entity.client` would be used.
 */
const make = <Type extends string, Rpcs extends Rpc.Any>(
  entity: Entity.Entity<Type, Rpcs>,
  options?: { readonly timeout?: Duration.DurationInput }
): Effect.Effect<(entityId: string) => EntityClient<Rpcs>, never, Sharding.Sharding> =>
  Effect.gen(function*() {
    const client = yield* entity.client
    const configured = yield* Config.duration("CLUSTER_SEND_TIMEOUT").pipe(
      Config.withDefault(ClusterConfig.defaults.sendTimeout),
      Effect.orDie
    )
    const timeout = options?.timeout === undefined ? configured : Duration.decode(options.timeout)
    const context = yield* Effect.context<Sharding.Sharding>()
    return (entityId: string) => _wrap(entity as unknown as Entity.Entity<string, Rpc.Any>, entityId, timeout, client(entityId), context) as EntityClient<Rpcs>
  })

type _ClusterFailure = ClusterError.MailboxFull | ClusterError.AlreadyProcessingMessage | ClusterError.PersistenceError | _SendTimeout

/** What became of a request that failed this way (see `EdgeError.Unavailable`). */
const _outcomes: Record<_ClusterFailure["_tag"], EdgeError.Unavailable["outcome"]> = {
  MailboxFull: "not-stored",
  AlreadyProcessingMessage: "stored",
  PersistenceError: "unknown",
  SendTimeout: "unknown"
}

const _outcomeOf = (e: _ClusterFailure): EdgeError.Unavailable["outcome"] => e._tag === "SendTimeout" ? e.outcome : _outcomes[e._tag]

const _isTransient = (e: unknown): boolean =>
  Predicate.isTagged(e, "MailboxFull") || Predicate.isTagged(e, "AlreadyProcessingMessage") || Predicate.isTagged(e, "PersistenceError")

const _isCluster = <E>(e: E): e is Extract<E, _ClusterFailure> => _isTransient(e) || Predicate.isTagged(e, "SendTimeout")

/**
 * A call forwarded from a public RPC to an entity, with the cluster's failures as the typed edge error the
 * client sees: `MailboxFull`, `AlreadyProcessingMessage` and `PersistenceError` are retried for up to
 * `retry` (default 5 tries over ~0.6 s), then, like a `SendTimeout`, fail as `Unavailable` with what became
 * of the request. A `ParseError` (the handler built an invalid entity payload: a bug, not the caller's) is a
 * defect. The entity RPC's own errors pass through untouched.
 */
const forward = <A, E, R>(
  call: Effect.Effect<A, E, R>,
  options?: { readonly retry?: Schedule.Schedule<unknown, unknown> }
): Effect.Effect<A, Exclude<E, _ClusterFailure | ParseResult.ParseError> | EdgeError.Unavailable, R> =>
  call.pipe(
    Effect.retry({ schedule: options?.retry ?? _backoff, while: _isTransient }),
    Effect.catchIf(ParseResult.isParseError, (e) => Effect.die(e)),
    Effect.catchIf(_isCluster, (e) => Effect.fail(new EdgeError.Unavailable({ message: e.message, outcome: _outcomeOf(e) })))
  ) as Effect.Effect<A, Exclude<E, _ClusterFailure | ParseResult.ParseError> | EdgeError.Unavailable, R>

const _backoff = Schedule.exponential("20 millis").pipe(Schedule.intersect(Schedule.recurs(5)))

export const EntityClient = { make, forward, SendTimeout: _SendTimeout } as const

/** The client of one entity instance: its RPCs as methods, failing with `SendTimeout` instead of hanging. */
export type EntityClient<Rpcs extends Rpc.Any> = RpcClient.RpcClient.From<
  Rpcs,
  ClusterError.MailboxFull | ClusterError.AlreadyProcessingMessage | ClusterError.PersistenceError | _SendTimeout | ParseResult.ParseError
>

export declare namespace EntityClient {
  /** A call to an entity got no reply within the send timeout; the message may still be processed later. */
  type SendTimeout = _SendTimeout
}
