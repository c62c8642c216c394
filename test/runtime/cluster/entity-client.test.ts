/**
 * Entity calls never hang: a handler that never replies makes the caller fail with a typed SendTimeout; a
 * call forwarded from a public RPC turns the cluster's failures into the edge error `Unavailable`.
 */
import * as Entity from "@effect/cluster/Entity"
import * as Rpc from "@effect/rpc/Rpc"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as TestRunner from "@effect/cluster/TestRunner"
import * as ClusterError from "@effect/cluster/ClusterError"
import * as ClusterSchema from "@effect/cluster/ClusterSchema"
import * as EntityAddress from "@effect/cluster/EntityAddress"
import * as EntityId from "@effect/cluster/EntityId"
import * as EntityType from "@effect/cluster/EntityType"
import * as ShardId from "@effect/cluster/ShardId"
import * as Snowflake from "@effect/cluster/Snowflake"
import * as Schedule from "effect/Schedule"
import { EntityClient } from "../../../runtime/cluster/EntityClient.js"
import { Contract } from "../../../runtime/contract/Contract.js"
import { EdgeError } from "../../../runtime/contract/EdgeError.js"

const _Slow = Entity.make("Slow", [
  Rpc.make("Stall", { success: Schema.Number }),
  Rpc.make("Answer", { success: Schema.Number })
])
const _address = EntityAddress.make({ shardId: ShardId.make("default", 1), entityType: EntityType.EntityType.make("Slow"), entityId: EntityId.make("e1") })
const _SlowLive = _Slow.toLayer({ Stall: () => Effect.never, Answer: () => Effect.succeed(42) })

describe("EntityClient", () => {
  it.live("a call with no reply fails with SendTimeout after the timeout; others answer", () =>
    Effect.gen(function*() {
      const client = (yield* EntityClient.make(_Slow, { timeout: "300 millis" }))("e1")
      expect(yield* client.Answer()).toBe(42)
      const stalled = yield* Effect.flip(client.Stall())
      expect(stalled._tag).toBe("SendTimeout")
      expect(stalled.message).toMatch(/Slow\(e1\)\.Stall: no reply within 300ms/)
    }).pipe(Effect.provide(_SlowLive.pipe(Layer.provideMerge(TestRunner.layer)))))
})

const _Keyed = Entity.make("Keyed", [
  Rpc.make("Hang", { payload: Contract.keyed({ id: Schema.String }, (p) => p.id), success: Schema.Number }).annotate(ClusterSchema.Persisted, true)
])
const _KeyedLive = _Keyed.toLayer({ Hang: () => Effect.never })

describe("EntityClient timeouts say what became of the call", () => {
  it.live("a persisted call that timed out is found in storage by its primary key: stored, it will still run", () =>
    Effect.gen(function*() {
      const client = (yield* EntityClient.make(_Keyed, { timeout: "300 millis" }))("k1")
      const stalled = yield* Effect.flip(client.Hang({ id: "req-1" }))
      expect(stalled).toMatchObject({ _tag: "SendTimeout", outcome: "stored" })
      expect(stalled.message).toMatch(/stored: it will still run/)
      const forwarded = yield* Effect.flip(EntityClient.forward(client.Hang({ id: "req-2" })))
      expect(forwarded).toMatchObject({ _tag: "Unavailable", outcome: "stored" })
    }).pipe(Effect.provide(_KeyedLive.pipe(Layer.provideMerge(TestRunner.layer)))))

  it.live("a volatile call that timed out is unknown: it may still run", () =>
    Effect.gen(function*() {
      const client = (yield* EntityClient.make(_Slow, { timeout: "300 millis" }))("e1")
      expect(yield* Effect.flip(client.Stall())).toMatchObject({ _tag: "SendTimeout", outcome: "unknown" })
    }).pipe(Effect.provide(_SlowLive.pipe(Layer.provideMerge(TestRunner.layer)))))
})

describe("EntityClient.forward", () => {
  it.live("a forwarded call with no reply is the typed edge error Unavailable (outcome unknown); an answer passes", () =>
    Effect.gen(function*() {
      const client = (yield* EntityClient.make(_Slow, { timeout: "300 millis" }))("e1")
      expect(yield* EntityClient.forward(client.Answer())).toBe(42)
      const stalled = yield* Effect.flip(EntityClient.forward(client.Stall()))
      expect(stalled).toBeInstanceOf(EdgeError.Unavailable)
      expect(stalled).toMatchObject({ _tag: "Unavailable", outcome: "unknown" })
      expect(Schema.is(EdgeError.schema)(stalled), "the client can decode it").toBe(true)
    }).pipe(Effect.provide(_SlowLive.pipe(Layer.provideMerge(TestRunner.layer)))))

  it.live("transient cluster failures are retried, then Unavailable with what became of the request; domain errors pass", () =>
    Effect.gen(function*() {
      const attempts = { n: 0 }
      const full = Effect.suspend(() => {
        attempts.n += 1
        return Effect.fail(new ClusterError.MailboxFull({ address: _address }))
      })
      const failed = yield* Effect.flip(EntityClient.forward(full, { retry: Schedule.recurs(2) }))
      expect(attempts.n, "first try and two retries").toBe(3)
      expect(failed).toMatchObject({ _tag: "Unavailable", outcome: "not-stored" })
      const busy = yield* Effect.flip(EntityClient.forward(Effect.fail(new ClusterError.AlreadyProcessingMessage({ address: _address, envelopeId: Snowflake.Snowflake(BigInt(1)) })), { retry: Schedule.recurs(0) }))
      expect(busy).toMatchObject({ _tag: "Unavailable", outcome: "stored" })
      const domain = yield* Effect.flip(EntityClient.forward(Effect.fail({ _tag: "OrderNotFound" as const })))
      expect(domain).toStrictEqual({ _tag: "OrderNotFound" })
    }))
})
