/**
 * Type-level tests of channels in the contract DSL, compiled by `tsc -p .` (never run): what `channels.test.ts`
 * shows codegen refusing, the DSL's types refuse first. Each `@ts-expect-error` proves a mistake is a compile
 * error; the rest must compile and infer the types shown.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

type _Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const _assert = <T extends true>(): T => true as T

const TenantId = Schema.String.pipe(Schema.brand("TenantId"))
const Principal = Schema.Struct({ tenantId: TenantId, userId: Schema.String })
type Principal = typeof Principal.Type
const Room = Schema.compose(Schema.String, Schema.Literal("lobby", "staff"), { strict: false })

/** Mistakes the DSL must reject at compile time. */
export const rejected = {
  // @ts-expect-error a key's wire form is a string
  numberKey: Contract.channel({ key: Schema.Number, payload: Schema.String }),
  // @ts-expect-error a key's wire form is every string, not some: compose a literal key with Schema.String
  literalKey: Contract.channel({ key: Schema.Literal("lobby", "staff"), payload: Schema.String }),
  // @ts-expect-error a payload is a Schema or a fields object
  numberPayload: Contract.channel({ key: TenantId, payload: 42 }),
  // @ts-expect-error `allow` receives the decoded key
  keyType: Contract.channel({ key: TenantId, payload: Schema.String, allow: (key: number) => key > 0 }),
  // @ts-expect-error a channel that needs a principal says who may subscribe: `allow`
  noAllow: Contract.make("bad", { auth: { principal: Principal }, channels: { A: Contract.channel({ key: TenantId, payload: Schema.String }) } }),
  noneAllow: Contract.make("bad", {
    auth: { principal: Principal },
    // @ts-expect-error an open channel has no `allow`: it would never run
    channels: { A: Contract.channel({ key: TenantId, payload: Schema.String, auth: "none", allow: () => true }) }
  }),
  // @ts-expect-error without an `auth` section a channel has no `allow`
  allowWithoutSection: Contract.make("bad", { channels: { A: Contract.channel({ key: TenantId, payload: Schema.String, allow: () => true }) } }),
  // @ts-expect-error without an `auth` section a channel has no mode
  modeWithoutSection: Contract.make("bad", { channels: { A: Contract.channel({ key: TenantId, payload: Schema.String, auth: "none" }) } }),
  otherPrincipal: Contract.make("bad", {
    auth: { principal: Principal },
    channels: {
      // @ts-expect-error `allow` takes the contract's principal (or a part of it)
      A: Contract.channel({ key: TenantId, payload: Schema.String, allow: (_key, p: { readonly role: string }) => p.role === "admin" })
    }
  })
}

/** Channels need a principal by the section's default unless they say otherwise; `allow` reads the key and the principal. */
export const desk = Contract.make("desk", {
  auth: { principal: Principal },
  channels: {
    Tickets: Contract.channel({ key: TenantId, payload: { id: Schema.String }, allow: (key, p: Principal) => p.tenantId === key }),
    Notices: Contract.channel({ key: Room, payload: Schema.String, auth: "none" })
  }
})

/** A contract whose channels are open unless they say otherwise. */
export const shop = Contract.make("shop", {
  auth: { principal: Principal, default: "none" },
  channels: {
    Prices: Contract.channel({ key: Schema.String, payload: Schema.Number }),
    Carts: Contract.channel({ key: TenantId, payload: Schema.String, auth: "required", allow: (key, p: { readonly tenantId: string }) => p.tenantId === key })
  }
})

/** Without `auth`, anyone may subscribe. */
export const board = Contract.make("board", { channels: { Scores: Contract.channel({ key: Schema.NumberFromString, payload: Schema.Int }) } })

export const inferred = [
  _assert<_Equals<typeof desk.channels.Tickets.payload.Type, { readonly id: string }>>(),
  _assert<_Equals<typeof desk.channels.Tickets.auth, undefined>>(),
  _assert<_Equals<Parameters<typeof desk.channels.Tickets.allow>, [key: typeof TenantId.Type, principal: Principal]>>(),
  _assert<_Equals<typeof desk.channels.Notices.key.Type, "lobby" | "staff">>(),
  _assert<_Equals<typeof desk.channels.Notices.allow, undefined>>(),
  _assert<_Equals<typeof shop.channels.Carts.auth, "required">>(),
  _assert<_Equals<typeof board.channels.Scores.key.Type, number>>()
] as const
