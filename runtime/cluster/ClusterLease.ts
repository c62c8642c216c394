/**
 * The shard lease (fencing): which shard locks this runner has proved it still holds, and until when. Every
 * lock refresh or acquisition that succeeds extends the lease to its *start* + `shardLease`; the lock
 * connections end after `lockIdleTimeout` of silence, which is longer, so the lease of a frozen runner
 * lapses before anyone else can take its shards. Only keeps time and state; the gates live in `Fencing.ts`.
 */
import * as RunnerStorage from "@effect/cluster/RunnerStorage"
import type * as ShardId from "@effect/cluster/ShardId"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { ClusterConfig } from "./ClusterConfig.js"

/** Raised (as a defect, so the library skips its retries and force-stops the shards) when the lease lapsed. */
class ShardLeaseLapsed extends Data.TaggedError("ShardLeaseLapsed")<{ readonly lapsedMs: number; readonly shards: number }> {
  override get message() {
    return `shard lease lapsed ${Math.round(this.lapsedMs)} ms ago (${this.shards} shard(s)): another runner may own them now`
  }
}

type _Wrap = (storage: RunnerStorage.RunnerStorage["Type"], bump: ClusterLease.Bump) => RunnerStorage.RunnerStorage["Type"]

/** The lease, and how it wraps the runner storage that keeps it. */
interface _Service extends ClusterLease {
  readonly _wrap: _Wrap
  /** The fence epoch this runner set when it took `shard` (see `ClusterFence`). */
  readonly _epoch: (shard: string) => number | undefined
  /** How long a fenced write's transaction may sit idle (the lock idle timeout). */
  readonly _idleMillis: number
}

class Lease extends Context.Tag("effect-contracts/ClusterLease")<Lease, _Service>() {}

/** A lease that never lapses: for storages without shard locks (memory, SQLite: one runner). */
const unfenced: Layer.Layer<Lease> = Layer.succeed(Lease, {
  fenced: false,
  holds: () => true,
  status: Effect.succeed({ fenced: false, valid: true, shards: 0, remainingMs: Infinity }),
  _wrap: (storage) => storage,
  _epoch: () => undefined,
  _idleMillis: 0
})

/** The lease of this runner, kept by the `RunnerStorage` that `runnerStorage` wraps. */
const _make = (leaseMillis: number, idleMillis: number, now: () => number) => {
  let until = -Infinity
  /** Shards whose lock a storage call confirmed, with the start time of the call that did. */
  const held = new Map<string, number>()
  const epochs = new Map<string, number>()
  const valid = () => now() < until
  const confirm = (started: number, shards: ReadonlyArray<ShardId.ShardId>, replace: boolean) => {
    const names = new Set(shards.map(String))
    // A call that started after the lease lapsed cannot vouch for shards it did not return.
    const stale = until <= started
    held.forEach((at, shard) => (stale || (replace && at < started && !names.has(shard))) && held.delete(shard))
    names.forEach((shard) => held.set(shard, Math.max(held.get(shard) ?? -Infinity, started)))
    until = Math.max(until, started + leaseMillis)
  }
  const lapsed = (shards: number) => new ShardLeaseLapsed({ lapsedMs: now() - until, shards })

  /** A storage call that ran past the lease it would grant (the pod froze during it) proves nothing. */
  const check = <A extends ReadonlyArray<ShardId.ShardId>>(started: number, replace: boolean) => (shards: A) =>
    now() >= started + leaseMillis
      ? Effect.sync(() => held.clear()).pipe(Effect.zipRight(Effect.die(lapsed(shards.length))))
      : Effect.sync(() => (confirm(started, shards, replace), shards))

  /**
   * The library's storage with the lease kept: `acquire` and `refresh` extend it; a refresh of shards once
   * the lease has lapsed dies instead of asking PostgreSQL, so Sharding force-stops those shards at once
   * (the same path as a failed refresh) before it runs anything for them; releases drop shards first.
   */
  const wrap: _Wrap = (storage, bump) => ({
    ...storage,
    // Shards newly taken get a new fence epoch before Sharding learns of them (so before anything runs).
    acquire: (address, shardIds) =>
      Effect.suspend(() => {
        const started = now()
        const list = Array.from(shardIds)
        const requested = new Set(list.map(String))
        return storage.acquire(address, list).pipe(
          Effect.tap((got) => {
            const fresh = got.map(String).filter((s) => requested.has(s))
            return fresh.length === 0 ? Effect.void : bump(fresh, `${address.host}:${address.port}`).pipe(
              Effect.tap((rows) => Effect.sync(() => rows.forEach(([shard, epoch]) => epochs.set(shard, epoch)))),
              Effect.orDie
            )
          }),
          Effect.flatMap(check(started, false))
        )
      }),
    refresh: (address, shardIds) =>
      Effect.suspend(() => {
        const requested = Array.from(shardIds)
        const started = now()
        return requested.length > 0 && until > -Infinity && !valid()
          ? Effect.sync(() => held.clear()).pipe(
            Effect.zipRight(Effect.logWarning(lapsed(requested.length).message)),
            Effect.zipRight(Effect.die(lapsed(requested.length)))
          )
          : Effect.flatMap(storage.refresh(address, requested), check(started, true))
      }),
    release: (address, shardId) => Effect.suspend(() => (held.delete(String(shardId)), storage.release(address, shardId))),
    releaseAll: (address) => Effect.suspend(() => (held.clear(), storage.releaseAll(address)))
  })
  return {
    fenced: true,
    holds: (shard) => valid() && held.has(String(shard)),
    status: Effect.sync(() => ({ fenced: true, valid: valid(), shards: valid() ? held.size : 0, remainingMs: Math.max(0, until - now()) })),
    _wrap: wrap,
    _epoch: (shard) => (valid() && held.has(shard) ? epochs.get(shard) : undefined),
    _idleMillis: idleMillis
  } satisfies _Service
}

/** The lease of one runner, on the monotonic clock (a wall-clock jump never extends a lease). */
const layer = (config: Pick<ClusterConfig, "shardLease" | "lockIdleTimeout">): Layer.Layer<Lease> =>
  Layer.effect(Lease, Effect.map(Effect.clock, (clock) =>
    _make(
      Duration.toMillis(config.shardLease),
      Duration.toMillis(config.lockIdleTimeout),
      () => Number(clock.unsafeCurrentTimeNanos()) / 1e6
    )))

/** `storage` (the library's `RunnerStorage`) keeping the lease in context, `bump` setting fence epochs. */
const runnerStorage = <E, R, E2, R2>(
  storage: Layer.Layer<RunnerStorage.RunnerStorage, E, R>,
  bump: Effect.Effect<ClusterLease.Bump, E2, R2>
) =>
  Layer.effect(
    RunnerStorage.RunnerStorage,
    Effect.all([RunnerStorage.RunnerStorage, Lease, bump]).pipe(Effect.map(([inner, lease, b]) => lease._wrap(inner, b)))
  ).pipe(Layer.provide(storage))

/** The lease's status now (for `/readyz`): `None` when the cluster has no lease (client-only processes). */
const current = Effect.serviceOption(Lease)

export const ClusterLease = { Lease, layer, unfenced, runnerStorage, current, ShardLeaseLapsed } as const

/** What the fencing gates and health checks ask the lease. */
export interface ClusterLease {
  /** False without shard locks (memory, SQLite): every shard is held, writes are not fenced. */
  readonly fenced: boolean
  /** Whether this runner may run messages of `shard` now: its lock was confirmed and the lease has not lapsed. */
  readonly holds: (shard: ShardId.ShardId | string) => boolean
  readonly status: Effect.Effect<ClusterLease.Status>
}

export declare namespace ClusterLease {
  interface Status {
    /** False for storages without shard locks (the lease then never lapses). */
    readonly fenced: boolean
    /** A lock refresh succeeded less than `shardLease` ago. */
    readonly valid: boolean
    /** Shards held under the lease (0 once it lapsed). */
    readonly shards: number
    /** Until the lease lapses unless renewed. */
    readonly remainingMs: number
  }
  type Service = Lease
  /** Raise the fence epoch of `shards` (taken by `runner`): their new epochs. */
  type Bump = (shards: ReadonlyArray<string>, runner: string) => Effect.Effect<ReadonlyArray<readonly [string, number]>, unknown>
}
