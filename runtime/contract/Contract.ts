/**
 * The contract DSL: `*.contract.ts` files declare events, RPCs (and who may call them), entities, workflows,
 * schedules, subscriptions, jobs, webhooks and realtime channels with Effect Schemas. Isomorphic (imports only
 * `effect`): browsers import contract schemas.
 */
import * as Schema from "effect/Schema"
import type { Auth as _Auth } from "./Auth.js"
import { Channel as _Channel } from "./Channel.js"
import { Entity as _Entity } from "./Entity.js"
import { Keyed } from "./Keyed.js"
import { Messaging } from "./Messaging.js"
import { Workflow as _Workflow } from "./Workflow.js"

const _TypeId: unique symbol = Symbol.for("effect-contracts/Contract")

type _Payload = Messaging.Payload
type _PayloadType<P> = Messaging.PayloadType<P>
type _Norm<P extends _Payload> = Messaging.Norm<P>
type _Any = Schema.Schema.AnyNoContext

const rpc = <
  P extends _Payload,
  S extends Schema.Schema.AnyNoContext = typeof Schema.Void,
  E extends Schema.Schema.All = typeof Schema.Never,
  K extends ((payload: _PayloadType<P>) => string) | undefined = ((payload: _PayloadType<P>) => string) | undefined,
  A extends _Auth.Mode | undefined = undefined
>(options: {
  readonly payload?: P
  readonly success?: S
  readonly error?: E
  readonly stream?: boolean
  readonly persisted?: boolean
  readonly primaryKey?: Messaging.KeyFor<P, K>
  readonly idempotent?: boolean
  readonly auth?: A
}): Contract.Rpc<NoInfer<_Norm<P>>, NoInfer<S>, NoInfer<E>, NoInfer<K>, NoInfer<A>> => ({
  _tag: "Rpc",
  payload: (options.payload ?? Schema.Void) as _Norm<P>,
  success: (options.success ?? Schema.Void) as S,
  error: (options.error ?? Schema.Never) as E,
  stream: options.stream ?? false,
  persisted: options.persisted ?? false,
  primaryKey: options.primaryKey as K,
  idempotent: options.idempotent ?? false,
  auth: options.auth as A
})

const make = <const Name extends string, const D extends Contract.Definition>(
  name: Name,
  definition: D & _Auth.Checked<D>
): Contract<Name, D> => ({ [_TypeId]: _TypeId, name, ...definition })

const _renamedFrom: unique symbol = Symbol.for("effect-contracts/renamedFrom")

/** Schema annotations declaring that a field was renamed, so `codegen compat` reports a rename, not remove + add. */
const renamedFrom = (former: string): { readonly [_renamedFrom]: string } => ({ [_renamedFrom]: former })

const isContract = (u: unknown): u is Contract<string, Contract.Definition> =>
  typeof u === "object" && u !== null && _TypeId in u

/**
 * The contract DSL. A contract file's default export is `Contract.make(name, { auth, events, rpcs, entities,
 * workflows, schedules, subscriptions, jobs, webhooks, channels })`; each section holds declarations made below.
 *
 * @example
 * export default Contract.make("orders", {
 *   rpcs: { GetOrder: Contract.rpc({ payload: { id: OrderId }, success: Order, error: OrderNotFound }) }
 * })
 */
export const Contract = {
  TypeId: _TypeId,
  make,
  /** A domain event: its payload schema and the key that deduplicates deliveries. */
  event: Messaging.event,
  /**
   * An RPC: in `rpcs` a public RPC browsers call; inside an entity a message. Entity messages may be
   * `persisted` (stored, survive restarts) and then need a `primaryKey` that deduplicates them. In a
   * contract with `auth`, a public RPC may say `auth: "none"` (anyone) or `"required"` (a verified principal).
   * A public RPC that is `idempotent` (safe to run twice) or has a `primaryKey` is replayed by the browser
   * client after a reconnect; any other call cut by a disconnect fails with an `Unavailable` of unknown outcome.
   */
  rpc,
  /**
   * A sharded entity: an addressable actor whose messages are its RPCs. With `state` (a Schema) and `initial`
   * (its value before the first change), its handlers get a typed state service that the runtime stores in SQL,
   * loaded when the entity starts and written in the same transaction as the events a change publishes.
   */
  entity: _Entity.make,
  /**
   * A durable workflow. `versions` lists payload schemas oldest first; new versions must keep decoding
   * every payload an earlier version could produce.
   */
  workflow: _Workflow.make,
  /** A schedule: a cron expression run once per tick across the cluster, or a cluster-wide singleton. */
  schedule: Messaging.schedule,
  /** Receive events of another contract: `{ to: OrdersContract, events: ["OrderPlaced"] }` (its default export). */
  subscription: Messaging.subscription,
  /** A job: a payload run once by its handler on some pod, enqueued as an entity message, retried, then dead-lettered. */
  job: Messaging.job,
  /** A webhook: a payload POSTed to registered endpoints, signed, retried with backoff, then dead-lettered. */
  webhook: Messaging.webhook,
  /**
   * A realtime channel: payloads published under a `key` (a Schema encoded as a string) in the caller's
   * transaction, streamed to subscribers of that key. In a contract with `auth`, `allow(key, principal)` says who
   * may subscribe to which key (required unless the channel says `auth: "none"`).
   */
  channel: _Channel.make,
  /**
   * Declare a field's former name: `total: Schema.Number.annotations(Contract.renamedFrom("amount"))`.
   * The compat check then reports one rename (with its direction) instead of a removal and an addition.
   */
  renamedFrom,
  /** For generated code: a persisted message's payload schema, whose values carry its primary key. */
  keyed: Keyed.make,
  isContract,
  isSchema: Schema.isSchema as (u: unknown) => u is Schema.Schema.AnyNoContext
} as const

/** A contract: the value a `*.contract.ts` file exports by default. */
export type Contract<Name extends string, D extends Contract.Definition> = {
  readonly [_TypeId]: typeof _TypeId
  readonly name: Name
} & D

export declare namespace Contract {
  /** What `Contract.make` accepts: every section is optional. */
  interface Definition {
    /** Who may call the public RPCs: `{ principal: Schema, default?: "required" | "none" }`. */
    readonly auth?: _Auth.Section
    readonly events?: Readonly<Record<string, Event.Any>>
    readonly rpcs?: Readonly<Record<string, Rpc.Any>>
    readonly entities?: Readonly<Record<string, Entity.Any>>
    readonly workflows?: Readonly<Record<string, Workflow.Any>>
    readonly schedules?: Readonly<Record<string, Schedule>>
    readonly subscriptions?: Readonly<Record<string, Messaging.Subscription.Any>>
    readonly jobs?: Readonly<Record<string, Messaging.Job.Any>>
    readonly webhooks?: Readonly<Record<string, Messaging.Webhook.Any>>
    readonly channels?: Readonly<Record<string, _Channel.Any>>
  }
  /** Any contract, whatever its name and sections. */
  type Any = Contract<string, Definition>
  /** The decoded type of a payload given as a Schema or as a fields object. */
  type PayloadType<P> = _PayloadType<P>

  /** `Contract.event`; `Event.Any`: every event type. */
  type Event<S extends _Any> = Messaging.Event<S>
  namespace Event {
    type Any = Messaging.Event.Any
  }

  interface Rpc<
    P extends _Payload,
    S extends Schema.Schema.AnyNoContext,
    E extends Schema.Schema.All,
    K extends ((payload: never) => string) | undefined = undefined,
    A extends _Auth.Mode | undefined = undefined
  > {
    readonly _tag: "Rpc"
    readonly payload: P
    readonly success: S
    readonly error: E
    readonly stream: boolean
    readonly persisted: boolean
    readonly primaryKey: K
    /** Safe to run twice: the client replays it when a disconnect cuts it. */
    readonly idempotent: boolean
    readonly auth: A
  }
  namespace Rpc {
    interface Any extends Rpc<_Payload, _Any, Schema.Schema.All, ((payload: never) => string) | undefined, _Auth.Mode | undefined> {}
    /** An entity's message: it has no `auth` mode (only public RPCs are called from outside the cluster). */
    interface Message extends Any {
      readonly auth: undefined
    }
  }

  /** `Contract.entity`: its messages `R` and, when `S` is a Schema, its durable state; `Entity.Any`: every entity. */
  type Entity<R extends Readonly<Record<string, Rpc.Any>>, S extends _Any | undefined = undefined> = _Entity<R, S>
  namespace Entity {
    type Any = _Entity.Any<Readonly<Record<string, Rpc.Any>>>
  }

  /** `Contract.workflow`; `Workflow.Any`: every workflow type. */
  type Workflow<V extends _Workflow.Versions, S extends _Any, E extends Schema.Schema.All> = _Workflow<V, S, E>
  namespace Workflow {
    type Any = _Workflow.Any
  }

  /** `Contract.subscription` to the events `Ev` of contract `C`; without arguments, any subscription. */
  type Subscription<C = { readonly name: string }, Ev extends ReadonlyArray<string> = ReadonlyArray<string>> =
    Messaging.Subscription<C, Ev>
  /** `Contract.job`; without arguments, any job. */
  type Job<P extends _Any = _Any, S extends _Any = _Any, E extends Schema.Schema.All = Schema.Schema.All> = Messaging.Job<P, S, E>
  /** `Contract.webhook`; without arguments, any webhook. */
  type Webhook<P extends _Any = _Any> = Messaging.Webhook<P>
  /** `Contract.channel`; without arguments, every channel type. */
  type Channel<
    K extends _Any = _Any,
    P extends _Any = _Any,
    A extends _Auth.Mode | undefined = _Auth.Mode | undefined,
    L extends ((key: never, principal: never) => boolean) | undefined = ((key: never, principal: never) => boolean) | undefined
  > = _Channel<K, P, A, L>
  type Schedule = Messaging.Schedule
  /** A contract's `auth` section, and the mode of one public RPC. */
  type Auth<P extends _Any = _Any> = _Auth.Section<P>
  type AuthMode = _Auth.Mode
}
