/**
 * The errors every public RPC may fail with besides its contract's own: what the edge and the cluster tell a
 * client, as tagged schemas it decodes (`effect-contracts/EdgeError`). Isomorphic: imports only `effect`.
 */
import * as Schema from "effect/Schema"

/**
 * The call could not be completed now: the entity it needs was unreachable, busy or silent past the send
 * timeout. `outcome` says what became of the request: `not-stored` (it will not run: safe to retry),
 * `stored` (a persisted message that will still run, once: retrying with the same primary key is a no-op),
 * `unknown` (it may or may not run: retry only what is idempotent).
 */
class _Unavailable extends Schema.TaggedError<_Unavailable>("effect-contracts/Unavailable")("Unavailable", {
  message: Schema.String,
  outcome: Schema.Literal("not-stored", "stored", "unknown")
}) {}

/** The request was malformed: a payload failing its schema, JSON that does not parse, an unknown RPC. */
class _RequestInvalid extends Schema.TaggedError<_RequestInvalid>("effect-contracts/RequestInvalid")("RequestInvalid", {
  message: Schema.String
}) {}

/** No valid credentials were presented. */
class _Unauthorized extends Schema.TaggedError<_Unauthorized>("effect-contracts/Unauthorized")("Unauthorized", {
  message: Schema.String
}) {}

/** The caller is known but may not do this (e.g. another tenant's data). */
class _Forbidden extends Schema.TaggedError<_Forbidden>("effect-contracts/Forbidden")("Forbidden", {
  message: Schema.String
}) {}

/** Too much at once: try again after `retryAfterMs`. */
class _Overloaded extends Schema.TaggedError<_Overloaded>("effect-contracts/Overloaded")("Overloaded", {
  message: Schema.String,
  retryAfterMs: Schema.Number
}) {}

/** The client was built from other contracts than the server runs: reload or update it. */
class _UpgradeRequired extends Schema.TaggedError<_UpgradeRequired>("effect-contracts/UpgradeRequired")("UpgradeRequired", {
  message: Schema.String,
  server: Schema.String,
  client: Schema.String
}) {}

/** Every edge error, as one schema. */
const schema = Schema.Union(_Unavailable, _RequestInvalid, _Unauthorized, _Forbidden, _Overloaded, _UpgradeRequired)

export const EdgeError = {
  schema,
  Unavailable: _Unavailable,
  RequestInvalid: _RequestInvalid,
  Unauthorized: _Unauthorized,
  Forbidden: _Forbidden,
  Overloaded: _Overloaded,
  UpgradeRequired: _UpgradeRequired
} as const

/** Any edge error. */
export type EdgeError = typeof schema.Type

export declare namespace EdgeError {
  type Unavailable = _Unavailable
  type RequestInvalid = _RequestInvalid
  type Unauthorized = _Unauthorized
  type Forbidden = _Forbidden
  type Overloaded = _Overloaded
  type UpgradeRequired = _UpgradeRequired
}
