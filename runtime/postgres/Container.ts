/**
 * The opt-in testcontainers provider behind `Postgres.server` (`PG_PROVIDER=testcontainers`): PostgreSQL in
 * a Docker container, stopped when its scope closes. Needs a Docker engine; without one it fails with a
 * `PostgresError` that says so. Imported lazily: nothing of testcontainers loads unless it is chosen.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { PostgresError } from "./PostgresError.js"

const _fail = (image: string) => (cause: unknown) =>
  new PostgresError({
    reason: "StartFailed",
    target: `testcontainers ${image}`,
    detail: `${cause instanceof Error ? cause.message : String(cause)}`.split("\n")[0] +
      " (PG_PROVIDER=testcontainers needs a running Docker engine; unset it for the embedded server)"
  })

/** Start `image` (e.g. `postgres:17-alpine`) and yield its admin URL; the container stops with the scope. */
const acquire = (image: string): Effect.Effect<{ readonly adminUrl: string }, PostgresError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () => import("@testcontainers/postgresql").then(({ PostgreSqlContainer }) => new PostgreSqlContainer(image).start()),
      catch: _fail(image)
    }),
    (container) =>
      Effect.tryPromise(() => container.stop()).pipe(Effect.timeout("30 seconds"), Effect.ignore)
  ).pipe(Effect.map((container) => ({ adminUrl: container.getConnectionUri() })))

export const PostgresContainer = { acquire } as const
