/**
 * Schemas the contracts of the `channels` scenario share: a tenant and the principal a verified caller is.
 */
import * as Schema from "effect/Schema"

const TenantId = Schema.String.pipe(Schema.pattern(/^t_[a-z0-9]+$/), Schema.brand("TenantId"))

/** A user of one tenant, as the app's verifier proves it from a bearer token. */
const Principal = Schema.Struct({ tenantId: TenantId, userId: Schema.String }).annotations({ identifier: "Principal" })

export const Shared = { TenantId, Principal } as const

export declare namespace Shared {
  type Principal = typeof Principal.Type
}
