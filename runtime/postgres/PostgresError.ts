/**
 * The one error of the zero-setup PostgreSQL helper (`Postgres`): why a server or database could not be had,
 * naming the target with its password redacted. Never carries a secret, never needs a stack trace to read.
 */
import * as Data from "effect/Data"

const _what: Record<PostgresError.Reason, string> = {
  Unreachable: "unreachable",
  InvalidUrl: "URL invalid",
  StartFailed: "did not start",
  Query: "statement failed"
}

const _hints: Record<PostgresError.Reason, string> = {
  Unreachable: "is the server running and DATABASE_URL right?",
  InvalidUrl: "expected postgres://user:password@host:port/database",
  StartFailed: "or set DATABASE_URL to use a running server",
  Query: "the server rejected an administrative statement"
}

/**
 * `Unreachable`: no connection within the retry window; `InvalidUrl`: DATABASE_URL does not parse;
 * `StartFailed`: the embedded server or container did not start; `Query`: CREATE/DROP DATABASE failed.
 *
 * @since 0.1.0
 * @category errors
 */
export class PostgresError extends Data.TaggedError("PostgresError")<{
  readonly reason: PostgresError.Reason
  /** What was being reached: a redacted URL, or the provider's name. */
  readonly target: string
  /** The underlying cause in one line (e.g. `connect ECONNREFUSED 127.0.0.1:5433`). */
  readonly detail: string
}> {
  constructor(args: { readonly reason: PostgresError.Reason; readonly target: string; readonly detail: string }) {
    super(args)
    // An expected, operational failure: the message says it all, the runtime's frames would only bury it.
    this.stack = `${this.name}: ${this.message}`
  }

  override get message(): string {
    return `PostgreSQL ${_what[this.reason]} (${this.target}): ${this.detail} — ${_hints[this.reason]}`
  }
}

export declare namespace PostgresError {
  type Reason = "Unreachable" | "InvalidUrl" | "StartFailed" | "Query"
}
