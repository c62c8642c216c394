/**
 * Standard Webhooks signatures (the spec's own test vector, tampering, tolerance) and retry policies
 * (Svix default, exponential growth, deterministic jitter within bounds). No I/O.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { Webhooks } from "../../../runtime/webhooks/Webhooks.js"
import { WebhookPolicy } from "../../../runtime/webhooks/Policy.js"

/** The example in the Standard Webhooks specification. */
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: "{\"test\": 2432232314}",
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
}

const _at = (seconds: number) => TestClock.setTime(seconds * 1000)

describe("Standard Webhooks signatures", () => {
  it.effect("sign matches the specification's test vector, and verify accepts it", () =>
    Effect.gen(function*() {
      const headers = Webhooks.sign(vector.secret, vector.id, vector.timestamp, vector.body)
      assert.deepStrictEqual(headers, { "webhook-id": vector.id, "webhook-timestamp": "1614265330", "webhook-signature": vector.signature })
      yield* _at(vector.timestamp + 10)
      yield* Webhooks.verify({ secret: vector.secret, headers, body: vector.body })
      const rotated = { ...headers, "webhook-signature": `v1,bm90IGl0 ${vector.signature}` }
      yield* Webhooks.verify({ secret: vector.secret, headers: rotated, body: vector.body })
    }))

  it.effect("a changed body, another secret, missing headers or a stale timestamp are refused, each with its reason", () =>
    Effect.gen(function*() {
      const headers = Webhooks.sign(vector.secret, vector.id, vector.timestamp, vector.body)
      yield* _at(vector.timestamp)
      const reason = (options: Parameters<typeof Webhooks.verify>[0]) => Effect.map(Effect.flip(Webhooks.verify(options)), (e) => e.reason)
      assert.strictEqual(yield* reason({ secret: vector.secret, headers, body: "{\"test\": 1}" }), "NoMatchingSignature")
      assert.strictEqual(yield* reason({ secret: Webhooks.generateSecret(), headers, body: vector.body }), "NoMatchingSignature")
      assert.strictEqual(yield* reason({ secret: vector.secret, headers: { "webhook-id": vector.id }, body: vector.body }), "MissingHeaders")
      assert.strictEqual(yield* reason({ secret: vector.secret, headers: { ...headers, "webhook-timestamp": "soon" }, body: vector.body }), "InvalidTimestamp")
      yield* _at(vector.timestamp + 301)
      assert.strictEqual(yield* reason({ secret: vector.secret, headers, body: vector.body }), "TimestampOutOfTolerance")
      yield* Webhooks.verify({ secret: vector.secret, headers, body: vector.body, tolerance: "10 minutes" })
    }))

  it("generated secrets are whsec_ + 24 random bytes in base64", () => {
    const secret = Webhooks.generateSecret()
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/)
    assert.notStrictEqual(secret, Webhooks.generateSecret())
  })
})

describe("retry policies", () => {
  it("the default is Svix's schedule (8 attempts), 15 s per attempt, deadline at the end of the schedule", () => {
    const p = WebhookPolicy.resolve({})
    assert.deepStrictEqual(p.delays, [5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 36e6])
    assert.deepStrictEqual([p.jitter, p.attemptTimeoutMs], [0.2, 15_000])
    assert.strictEqual(p.deadlineMs, Math.ceil(p.delays.reduce((a, b) => a + b, 0) * 1.2 + 8 * 15_000))
    assert.strictEqual(WebhookPolicy.resolve({ deadline: "1 hour" }).deadlineMs, 3_600_000)
  })

  it("an exponential policy grows by its factor up to its cap", () => {
    const p = WebhookPolicy.resolve({ retry: { times: 5, base: "1 second", factor: 3, max: "20 seconds", jitter: 0 } })
    assert.deepStrictEqual(p.delays, [1000, 3000, 9000, 20000, 20000])
  })

  it("jitter is a pure function of message, endpoint and attempt, within [1 - jitter, 1 + jitter]", () => {
    const p = WebhookPolicy.resolve({ retry: { delays: Array.from({ length: 50 }, () => Duration.seconds(10)), jitter: 0.25 } })
    const waits = Array.from({ length: 50 }, (_, i) => WebhookPolicy.wait(p, { messageId: "msg_1", endpointId: "ep_1" }, i + 2))
    assert.deepStrictEqual(waits, Array.from({ length: 50 }, (_, i) => WebhookPolicy.wait(p, { messageId: "msg_1", endpointId: "ep_1" }, i + 2)))
    assert.isTrue(waits.every((w) => w >= 7500 && w <= 12500))
    assert.isAbove(new Set(waits).size, 40, "attempts get different jitter")
    assert.notStrictEqual(WebhookPolicy.wait(p, { messageId: "msg_2", endpointId: "ep_1" }, 2), waits[0])
  })
})
