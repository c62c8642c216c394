/**
 * DECLARATION_REMOVED: an event, RPC, entity message or workflow recorded in the lockfile is gone.
 * Clients, queued messages and running workflows still use it, so removing it breaks both directions.
 */
import { Rule } from "../Rule.js"

export const DeclarationRemoved = Rule.make({
  id: "DECLARATION_REMOVED",
  purpose: "A declaration recorded in the lockfile (event, RPC, entity message, workflow) no longer exists.",
  categories: ["DECLARATION"],
  severity: "breaking",
  check: {
    Declaration: (site) =>
      site.previous.length > 0 && site.current.length === 0
        ? Rule.hit(
          site.path,
          Rule.both,
          `\`${site.path}\` was removed`,
          "callers on the previous version, queued or stored messages and running workflows still refer to it",
          "keep it (deprecated in its doc comment) until nothing uses it; accept the removal with `codegen lock --accept` once drained"
        )
        : []
  }
})
