/**
 * Entity calls never hang: a handler that never replies makes the caller fail with a typed SendTimeout.
 */
import * as Entity from "@effect/cluster/Entity"
import * as Rpc from "@effect/rpc/Rpc"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as TestRunner from "@effect/cluster/TestRunner"
import { EntityClient } from "../../../runtime/cluster/EntityClient.js"

const _Slow = Entity.make("Slow", [
  Rpc.make("Stall", { success: Schema.Number }),
  Rpc.make("Answer", { success: Schema.Number })
])
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
