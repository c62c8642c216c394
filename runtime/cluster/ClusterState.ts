/**
 * What a request knows about the cluster it runs in (CLUS-04): this runner, the entity and shard a message
 * is addressed to, and live ownership questions. Reads @effect/cluster's own services; keeps no state.
 */
import * as Entity from "@effect/cluster/Entity"
import type { EntityAddress } from "@effect/cluster/EntityAddress"
import * as EntityId from "@effect/cluster/EntityId"
import * as RunnerAddress from "@effect/cluster/RunnerAddress"
import * as ShardId from "@effect/cluster/ShardId"
import * as Sharding from "@effect/cluster/Sharding"
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ClusterConfig } from "./ClusterConfig.js"

interface _Settings {
  readonly runner: Option.Option<RunnerAddress.RunnerAddress>
  readonly shardsPerGroup: number
  readonly groups: ReadonlyArray<string>
}

/**
 * The shard layout and this runner's address: the library's `ShardingConfig` when it is in context, else
 * the app's `ClusterConfig` (the same environment `Cluster.layerConfig` reads; one shard group, `default`).
 */
const _settings: Effect.Effect<_Settings> = Effect.serviceOption(ShardingConfig.ShardingConfig).pipe(
  Effect.flatMap(Option.match({
    onSome: (c) =>
      Effect.succeed<_Settings>({ runner: c.runnerAddress, shardsPerGroup: c.shardsPerGroup, groups: c.assignedShardGroups }),
    onNone: () =>
      ClusterConfig.load().pipe(
        Effect.map((c): _Settings => ({
          runner: Option.some(RunnerAddress.make(c.runnerHost, c.runnerPort)),
          shardsPerGroup: c.shardsPerGroup,
          groups: ["default"]
        })),
        Effect.orDie
      )
  }))
)

/** The shard a key hashes to, with the library's own hash: `Sharding.getShardId(EntityId.make(key), group)`. */
const _shardOf = (sharding: Sharding.Sharding["Type"], key: string, group: (id: EntityId.EntityId) => string) =>
  sharding.getShardId(EntityId.make(key), group(EntityId.make(key)))

const _make = (
  sharding: Sharding.Sharding["Type"],
  settings: _Settings,
  runner: RunnerAddress.RunnerAddress,
  entity: Option.Option<EntityAddress>
): ClusterState => {
  const all = settings.groups.flatMap((group) =>
    Array.from({ length: settings.shardsPerGroup }, (_, i) => ShardId.make(group, i + 1))
  )
  return {
    runner,
    entity,
    shardId: Option.map(entity, (address) => address.shardId),
    shards: () => all.filter((shard) => sharding.hasShardId(shard)),
    isLocal: (of, entityId) => sharding.hasShardId(_shardOf(sharding, entityId, (id) => of.getShardGroup(id))),
    isLeader: (singleton, group = "default") => sharding.hasShardId(_shardOf(sharding, singleton, () => group))
  }
}

/**
 * The cluster state of the running request: `Some` wherever a `Sharding` service is in context (entity
 * handlers, HTTP and RPC handlers of a pod), `None` without a cluster or in a client-only process. Inside
 * an entity handler the entity, shard and runner come from `Entity.CurrentAddress` /
 * `Entity.CurrentRunnerAddress`; elsewhere the entity and shard are `None`.
 */
const current: Effect.Effect<Option.Option<ClusterState>> = Effect.gen(function*() {
  const sharding = yield* Effect.serviceOption(Sharding.Sharding)
  const entity = yield* Effect.serviceOption(Entity.CurrentAddress)
  const handlerRunner = yield* Effect.serviceOption(Entity.CurrentRunnerAddress)
  const settings = yield* _settings
  const runner = Option.orElse(handlerRunner, () => settings.runner)
  return Option.map(Option.all({ sharding, runner }), (c) => _make(c.sharding, settings, c.runner, entity))
})

/** The state of this runner itself (no entity): what health checks and the shard watcher read. */
const self: Effect.Effect<ClusterState, never, Sharding.Sharding> = Effect.gen(function*() {
  const sharding = yield* Sharding.Sharding
  const settings = yield* _settings
  const runner = Option.getOrElse(settings.runner, () => RunnerAddress.make("client-only", 0))
  return _make(sharding, settings, runner, Option.none())
})

/** "Is entity `entityId` of `entity` on this runner right now?" — for code that has no `ClusterState` at hand. */
const isLocal = (entity: ClusterState.EntityLike, entityId: string): Effect.Effect<boolean, never, Sharding.Sharding> =>
  Effect.map(Sharding.Sharding, (sharding) => sharding.hasShardId(_shardOf(sharding, entityId, (id) => entity.getShardGroup(id))))

/** A runner address as `host:port` (the library's `toString` prints `RunnerAddress(host:port)`). */
const address = (runner: RunnerAddress.RunnerAddress): string => `${runner.host}:${runner.port}`

/** A plain, JSON-ready view: runner and shard as strings, the number of shards held at the time of the call. */
const toJSON = (state: ClusterState): ClusterState.Json => ({
  runner: address(state.runner),
  entity: Option.getOrNull(Option.map(state.entity, (a) => ({ type: a.entityType, id: a.entityId }))),
  shardId: Option.getOrNull(Option.map(state.shardId, (shard) => shard.toString())),
  shards: state.shards().length
})

export const ClusterState = { current, self, isLocal, address, toJSON } as const

/**
 * A request's view of the cluster. The fields describe where the request is; the functions answer at call
 * time from the runner's live shard ownership (`Sharding.hasShardId`), so they stay true across rebalances.
 */
export interface ClusterState {
  /** The runner serving this request: this process's cluster address (`host:port`). */
  readonly runner: RunnerAddress.RunnerAddress
  /** The entity the message is addressed to: `Some` in entity handlers, `None` for HTTP and RPC requests. */
  readonly entity: Option.Option<EntityAddress>
  /** The shard of that entity (`default:148`); `None` when the request is not addressed to an entity. */
  readonly shardId: Option.Option<ShardId.ShardId>
  /** The shards this runner holds now: those whose lock it has acquired, so messages for them run here. */
  readonly shards: () => ReadonlyArray<ShardId.ShardId>
  /** Whether entity `entityId` of `entity` lives on this runner now, i.e. this runner holds its shard. */
  readonly isLocal: (entity: ClusterState.EntityLike, entityId: string) => boolean
  /**
   * Whether this runner is the leader for singleton `name` (the name given to `Singleton.make`, e.g. a
   * contract's singleton schedule `"orders.OrderIndexer"`): it holds the shard the name hashes to in `group`
   * (default `"default"`), which is exactly when Sharding runs that singleton here. At most one runner holds a
   * shard's lock; during a hand-over for up to the lock expiry none does. A cron schedule has no leader: each
   * tick is an entity message on the shard of its timestamp.
   */
  readonly isLeader: (name: string, group?: string) => boolean
}

export declare namespace ClusterState {
  /** Anything that knows an entity's shard group: an `Entity` from `Entity.make` or generated code. */
  interface EntityLike {
    readonly getShardGroup: (entityId: EntityId.EntityId) => string
  }
  interface Json {
    readonly runner: string
    readonly entity: { readonly type: string; readonly id: string } | null
    readonly shardId: string | null
    readonly shards: number
  }
}
