/**
 * AUTH_ADDED: a contract whose public RPCs already existed now declares `auth`. Every RPC of it (and every
 * channel not declared `auth: "none"`) then needs a verified principal, so clients built before — which send
 * no token — are refused with `Unauthorized` from the first deploy on. A new contract declared with `auth`
 * from the start, or one that only had events, entities and the like, breaks no caller.
 */
import { Rule } from "../Rule.js"

/** `shop.auth` → `shop.`: the prefix of the contract's own declarations. */
const _contract = (path: string) => path.slice(0, path.length - "auth".length)

/** The contract's public RPCs the lockfile records: what clients may already call without a token. */
const _public = (path: string, recorded: ReadonlyArray<string>) => recorded.filter((d) => d.startsWith(`${_contract(path)}rpcs.`))

export const AuthAdded = Rule.make({
  id: "AUTH_ADDED",
  purpose: "A contract whose public RPCs already existed now requires a verified principal (`auth`).",
  categories: ["DECLARATION"],
  severity: "breaking",
  check: {
    Declaration: (site) => {
      const existing = _public(site.path, site.recorded)
      return !site.path.endsWith(".auth") || site.previous.length > 0 || site.current.length === 0 || existing.length === 0
        ? []
        : Rule.hit(
          site.path,
          Rule.backward,
          `now requires a verified principal for ${existing.length} public RPC(s) clients already call (${existing.slice(0, 3).join(", ")}${existing.length > 3 ? ", …" : ""})`,
          "clients built before send no token: their calls (and subscriptions to channels not declared `auth: \"none\"`) are refused with `Unauthorized`",
          "ship clients that send a token first (`<Contract>Client.bearer`), or put the authenticated RPCs in a new contract; accept the break only once no client calls without a token"
        )
    }
  }
})
