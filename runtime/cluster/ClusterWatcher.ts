/**
 * Makes fail-overs visible: logs, at info level, the shards this runner acquires and releases and the
 * runners that join, leave or change health. Observes the library's own state by polling; changes nothing.
 */
import * as RunnerStorage from "@effect/cluster/RunnerStorage"
import type * as ShardId from "@effect/cluster/ShardId"
import type * as Sharding from "@effect/cluster/Sharding"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import { ClusterState } from "./ClusterState.js"

/** Shards as compact ranges per group: `default:1-12,15,40-41`. */
const ranges = (shards: ReadonlyArray<ShardId.ShardId>): string => {
  const byGroup = new Map<string, Array<number>>()
  shards.forEach((s) => byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), s.id]))
  return [...byGroup].sort(([a], [b]) => a.localeCompare(b)).map(([group, ids]) => {
    const runs = ids.sort((a, b) => a - b).reduce<ReadonlyArray<readonly [number, number]>>((acc, id) => {
      const last = acc[acc.length - 1]
      return last && last[1] === id - 1 ? [...acc.slice(0, -1), [last[0], id]] : [...acc, [id, id]]
    }, [])
    return `${group}:${runs.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(",")}`
  }).join(" ")
}

const _diff = <A>(before: ReadonlyArray<A>, after: ReadonlyArray<A>, key: (a: A) => string) => {
  const was = new Set(before.map(key))
  const is = new Set(after.map(key))
  return { added: after.filter((a) => !was.has(key(a))), removed: before.filter((a) => !is.has(key(a))) }
}

const _logShards = (label: string, shards: ReadonlyArray<ShardId.ShardId>) =>
  shards.length === 0 ? Effect.void : Effect.logInfo(`${label} ${shards.length} shard(s): ${ranges(shards)}`)

/** One shard poll: `Sharding.hasShardId` over every shard, logged as a diff against the previous poll. */
const _watchShards = (state: ClusterState, held: Ref.Ref<ReadonlyArray<ShardId.ShardId>>) =>
  Effect.gen(function*() {
    const now = state.shards()
    const { added, removed } = _diff(yield* Ref.getAndSet(held, now), now, String)
    yield* _logShards("Acquired", added)
    yield* _logShards("Released", removed)
  })

type _Runners = ReadonlyArray<readonly [address: string, healthy: boolean]>

interface _RunnerView {
  readonly known: _Runners
  readonly reachable: boolean
}

/** One runner poll: `RunnerStorage.getRunners`, joins / losses / health changes logged against the last view. */
const _watchRunners = (storage: RunnerStorage.RunnerStorage["Type"], view: Ref.Ref<_RunnerView>) =>
  Effect.gen(function*() {
    const before = yield* Ref.get(view)
    const exit = yield* Effect.either(storage.getRunners)
    yield* exit._tag === "Left"
      ? Effect.all([
        Ref.set(view, { ...before, reachable: false }),
        before.reachable ? Effect.logWarning(`Runner storage unreachable: ${exit.left.message}`) : Effect.void
      ])
      : Effect.gen(function*() {
        const now: _Runners = exit.right.map(([runner, healthy]) => [ClusterState.address(runner.address), healthy] as const)
        const { added, removed } = _diff(before.known, now, ([address]) => address)
        const changed = now.filter(([address, healthy]) => before.known.some(([a, h]) => a === address && h !== healthy))
        yield* Ref.set(view, { known: now, reachable: true })
        yield* before.reachable ? Effect.void : Effect.logInfo("Runner storage reachable again")
        yield* Effect.forEach(added, ([address, healthy]) => Effect.logInfo(`Runner joined: ${address}${healthy ? "" : " (unhealthy)"}`))
        yield* Effect.forEach(removed, ([address]) => Effect.logInfo(`Runner lost: ${address}`))
        yield* Effect.forEach(changed, ([address, healthy]) => Effect.logInfo(`Runner ${address} is ${healthy ? "healthy" : "unhealthy"}`))
      })
  })

/**
 * Poll every `interval` (default 1 s) for as long as the layer lives. Runner joins and losses need the
 * cluster's `RunnerStorage` in context; without it only shards are watched.
 */
const layer = (options: { readonly interval?: Duration.DurationInput } = {}): Layer.Layer<never, never, Sharding.Sharding> =>
  Layer.scopedDiscard(Effect.gen(function*() {
    const state = yield* ClusterState.self
    const storage = yield* Effect.serviceOption(RunnerStorage.RunnerStorage)
    const held = yield* Ref.make<ReadonlyArray<ShardId.ShardId>>([])
    const view = yield* Ref.make<_RunnerView>({ known: [], reachable: true })
    const poll = Effect.all([
      _watchShards(state, held),
      Option.match(storage, { onNone: () => Effect.void, onSome: (s) => _watchRunners(s, view) })
    ], { discard: true })
    yield* poll.pipe(
      Effect.repeat(Schedule.spaced(Duration.decode(options.interval ?? "1 second"))),
      Effect.annotateLogs({ module: "ClusterWatcher", runner: ClusterState.address(state.runner) }),
      Effect.forkScoped
    )
  }))

export const ClusterWatcher = { layer, ranges } as const
