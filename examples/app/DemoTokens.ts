/**
 * The example app's bearer tokens — a DEMO, not a design to copy: `<principal>.<signature>`, the principal as
 * base64url JSON signed with HMAC-SHA256 under one key from `DEMO_AUTH_KEY` (a public default when unset). No
 * expiry, no rotation, no revocation: a real app verifies its identity provider's tokens (JWT/JWKS, sessions).
 */
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { EdgeError } from "effect-contracts/EdgeError"
import { createHmac, timingSafeEqual } from "node:crypto"
import { Shared } from "../../contracts/shared.js"

/** The signing key: the demo process signs with it, the pods verify with it. */
const key = Config.redacted("DEMO_AUTH_KEY").pipe(
  Config.withDefault(Redacted.make("effect-contracts-demo-key: public, for the demo only")),
  Config.withDescription("HMAC key of the example app's demo bearer tokens; the default is public")
)

const _Claims = Schema.parseJson(Shared.Principal)

const _mac = (k: Redacted.Redacted, payload: string): Buffer => createHmac("sha256", Redacted.value(k)).update(payload).digest()

const _unauthorized = (message: string) => new EdgeError.Unauthorized({ message })

/** A token proving `principal`, signed with `k`. */
const sign = (k: Redacted.Redacted, principal: Shared.Principal): string => {
  const payload = Buffer.from(Schema.encodeSync(_Claims)(principal)).toString("base64url")
  return `${payload}.${_mac(k, payload).toString("base64url")}`
}

/** The principal `token` proves, if `k` signed it: the signature first (in constant time), then the claims' schema. */
const verify = (k: Redacted.Redacted, token: string): Effect.Effect<Shared.Principal, EdgeError.Unauthorized> => {
  const [payload = "", signature = "", ...rest] = token.split(".")
  const given = Buffer.from(signature, "base64url")
  const expected = _mac(k, payload)
  const signed = rest.length === 0 && given.length === expected.length && timingSafeEqual(given, expected)
  return signed
    ? Schema.decodeUnknown(_Claims)(Buffer.from(payload, "base64url").toString("utf8")).pipe(
      Effect.mapError(() => _unauthorized("the token's claims are not a principal"))
    )
    : Effect.fail(_unauthorized("the token's signature does not match"))
}

/** The token of the demo's current user, per fiber; none outside `as`. */
const _current = FiberRef.unsafeMake<string | undefined>(undefined)

/** What a client sends: the current fiber's token (`OrdersClient.bearer(DemoTokens.current)`). */
const current: Effect.Effect<string | undefined> = FiberRef.get(_current)

/** Run `self` as the user `token` proves: each call in it (and in the fibers it forks) carries that token. */
const as = (token: string) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => Effect.locally(self, _current, token)

/**
 * The example app's demo bearer tokens: `sign` / `verify` under `key` (the issuer and the pods' verifier), and
 * `current` / `as`, the token a client's calls carry.
 */
export const DemoTokens = { key, sign, verify, current, as } as const
