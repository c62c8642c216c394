/**
 * Golden scenario `channels`: a contract with more channels than fit in one file, so their definitions go to
 * part files that `Channels.ts` merges; half need a principal, half are open.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import { Shared } from "./shared.js"

const _Post = Schema.Struct({ id: Schema.String, text: Schema.String, at: Schema.DateTimeUtc })

export default Contract.make("feeds", {
  auth: { principal: Shared.Principal },
  channels: {
    /** Feed number 0; only its tenant may follow it. */
    Feed0: Contract.channel({ key: Shared.TenantId, payload: _Post, allow: (tenantId, p: Shared.Principal) => p.tenantId === tenantId }),
    /** Feed number 1, open to anyone. */
    Feed1: Contract.channel({ key: Schema.String, payload: _Post, auth: "none" }),
    /** Feed number 2; only its tenant may follow it. */
    Feed2: Contract.channel({ key: Shared.TenantId, payload: _Post, allow: (tenantId, p: Shared.Principal) => p.tenantId === tenantId }),
    /** Feed number 3, open to anyone. */
    Feed3: Contract.channel({ key: Schema.String, payload: _Post, auth: "none" }),
    /** Feed number 4; only its tenant may follow it. */
    Feed4: Contract.channel({ key: Shared.TenantId, payload: _Post, allow: (tenantId, p: Shared.Principal) => p.tenantId === tenantId }),
    /** Feed number 5, open to anyone. */
    Feed5: Contract.channel({ key: Schema.String, payload: _Post, auth: "none" }),
    /** Feed number 6; only its tenant may follow it. */
    Feed6: Contract.channel({ key: Shared.TenantId, payload: _Post, allow: (tenantId, p: Shared.Principal) => p.tenantId === tenantId }),
    /** Feed number 7, open to anyone. */
    Feed7: Contract.channel({ key: Schema.String, payload: _Post, auth: "none" }),
    /** Feed number 8; only its tenant may follow it. */
    Feed8: Contract.channel({ key: Shared.TenantId, payload: _Post, allow: (tenantId, p: Shared.Principal) => p.tenantId === tenantId }),
    /** Feed number 9, open to anyone. */
    Feed9: Contract.channel({ key: Schema.String, payload: _Post, auth: "none" }),
    /** Feed number 10; only its tenant may follow it. */
    Feed10: Contract.channel({ key: Shared.TenantId, payload: _Post, allow: (tenantId, p: Shared.Principal) => p.tenantId === tenantId }),
    /** Feed number 11, open to anyone. */
    Feed11: Contract.channel({ key: Schema.String, payload: _Post, auth: "none" })
  }
})
