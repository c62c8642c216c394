/**
 * Connection-URL helpers for `Postgres`: parse, point at another database, redact for messages, and describe
 * a connection failure in one line. Pure functions; never logs or returns a password.
 */
import * as Effect from "effect/Effect"
import { PostgresError } from "./PostgresError.js"

const _protocols = new Set(["postgres:", "postgresql:"])

/** `url` with its password (userinfo or `?password=`) replaced by `***`; unparseable input is not echoed. */
const redact = (url: string): string => {
  const parsed = URL.canParse(url) ? new URL(url) : undefined
  if (parsed?.password) parsed.password = "***"
  if (parsed?.searchParams.has("password")) parsed.searchParams.set("password", "***")
  return parsed?.toString() ?? "(an unparseable URL)"
}

/** Validate a PostgreSQL URL (`postgres://` or `postgresql://`). */
const parse = (url: string, source: string): Effect.Effect<string, PostgresError> =>
  URL.canParse(url) && _protocols.has(new URL(url).protocol)
    ? Effect.succeed(url)
    : Effect.fail(new PostgresError({ reason: "InvalidUrl", target: source, detail: `not a PostgreSQL URL: ${redact(url)}` }))

/** The same server and credentials, another database (query parameters such as `sslmode` are kept). */
const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url)
  parsed.pathname = `/${encodeURIComponent(database)}`
  return parsed.toString()
}

/** `url` with server settings for its sessions (`-c name=value …`), after any `options` it already has. */
const withOptions = (url: string, options: string): string => {
  const parsed = new URL(url)
  const before = parsed.searchParams.get("options")
  parsed.searchParams.set("options", before === null || before === "" ? options : `${before} ${options}`)
  return parsed.toString()
}

type _Failure = { readonly message?: unknown; readonly code?: unknown; readonly errors?: unknown; readonly cause?: unknown }

/**
 * One line for a failure: node's AggregateError (every address refused) has an empty message, so its first
 * inner error speaks; an `SqlError` defers to its cause.
 */
const describe = (u: unknown): string => {
  const e: _Failure = typeof u === "object" && u !== null ? u : { message: String(u) }
  const inner = Array.isArray(e.errors) && e.errors.length > 0 ? describe(e.errors[0]) : ""
  const cause = e.cause !== undefined ? describe(e.cause) : ""
  const own = typeof e.message === "string" && e.message !== "" ? e.message : typeof e.code === "string" ? e.code : ""
  return (cause || inner || own || "unknown error").split("\n")[0] ?? ""
}

export const PostgresUrl = { redact, parse, withDatabase, withOptions, describe } as const
