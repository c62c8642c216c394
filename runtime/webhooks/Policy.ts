/**
 * Retry policies for webhooks: the Svix-like default schedule, exponential schedules, and jitter that is a
 * pure function of (message, endpoint, attempt) so a replayed workflow computes the same delays. No I/O.
 */
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"
import { createHash } from "node:crypto"

/** What a delivery workflow carries: the policy resolved to milliseconds at `send` time. */
const Resolved = Schema.Struct({
  /** Waits before retries 2, 3, … (attempt 1 is immediate); their count + 1 is the number of attempts. */
  delays: Schema.Array(Schema.Number),
  /** Each wait is scaled by a factor in [1 - jitter, 1 + jitter]. */
  jitter: Schema.Number,
  attemptTimeoutMs: Schema.Number,
  /** From the first attempt; past it the message is dead-lettered. */
  deadlineMs: Schema.Number
})

/** Svix's schedule: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts over ~27.5 h). */
const svix: WebhookPolicy.RetryPolicy = {
  delays: ["5 seconds", "5 minutes", "30 minutes", "2 hours", "5 hours", "10 hours", "10 hours"],
  jitter: 0.2
}

const _ms = (d: Duration.DurationInput) => Duration.toMillis(Duration.decode(d))

/** The waits of a policy, in milliseconds: explicit, or `base · factor^(k-1)` capped at `max`. */
const delays = (policy: WebhookPolicy.RetryPolicy): ReadonlyArray<number> =>
  "delays" in policy
    ? policy.delays.map(_ms)
    : Array.from({ length: policy.times }, (_, k) =>
      Math.min(_ms(policy.max ?? "1 day"), _ms(policy.base) * Math.pow(policy.factor ?? 2, k)))

/**
 * The policy a webhook declared, resolved: default schedule Svix's, attempt timeout 15 s, deadline the end
 * of the schedule (every wait at its longest jitter plus every attempt's timeout), so by default only the
 * schedule running out dead-letters.
 */
const resolve = (options: {
  readonly retry?: WebhookPolicy.RetryPolicy | undefined
  readonly attemptTimeout?: Duration.DurationInput | undefined
  readonly deadline?: Duration.DurationInput | undefined
}): WebhookPolicy.Resolved => {
  const policy = options.retry ?? svix
  const waits = delays(policy)
  const jitter = Math.min(1, Math.max(0, policy.jitter ?? 0.2))
  const attemptTimeoutMs = _ms(options.attemptTimeout ?? "15 seconds")
  const end = waits.reduce((sum, w) => sum + w * (1 + jitter), 0) + (waits.length + 1) * attemptTimeoutMs
  return { delays: waits, jitter, attemptTimeoutMs, deadlineMs: options.deadline === undefined ? Math.ceil(end) : _ms(options.deadline) }
}

/** A number in [0, 1) from a seed: the first 6 bytes of its SHA-256. Same seed, same number, on every replay. */
const _unit = (seed: string) => createHash("sha256").update(seed).digest().readUIntBE(0, 6) / 2 ** 48

/** The wait before `attempt` (≥ 2), jittered deterministically from the message, endpoint and attempt. */
const wait = (resolved: WebhookPolicy.Resolved, seed: { readonly messageId: string; readonly endpointId: string }, attempt: number): number => {
  const base = resolved.delays[attempt - 2] ?? 0
  const factor = 1 + resolved.jitter * (2 * _unit(`${seed.messageId}/${seed.endpointId}/${attempt}`) - 1)
  return Math.max(0, Math.round(base * factor))
}

export const WebhookPolicy = { Resolved, svix, delays, resolve, wait } as const

export declare namespace WebhookPolicy {
  /**
   * How a webhook retries: explicit waits between attempts (`delays`), or `times` waits growing from `base`
   * by `factor` (default 2) up to `max` (default 1 day). `jitter` (default 0.2) scales each wait by a
   * deterministic factor in [1 - jitter, 1 + jitter].
   */
  type RetryPolicy =
    | { readonly delays: ReadonlyArray<Duration.DurationInput>; readonly jitter?: number }
    | {
      readonly times: number
      readonly base: Duration.DurationInput
      readonly factor?: number
      readonly max?: Duration.DurationInput
      readonly jitter?: number
    }
  type Resolved = typeof Resolved.Type
}
