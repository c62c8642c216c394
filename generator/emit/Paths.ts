/**
 * Where every generated file and handler stub of a contract lives, and the identifiers they export.
 * Shared by the emitters so that a file's importers and its emitter always agree.
 */
import { posix } from "node:path"
import type { Config } from "../Config.js"
import type { Ir } from "../ir/Ir.js"

const _gen = (p: Config.Resolved, c: Ir.Contract, ...rest: ReadonlyArray<string>) => posix.join(p.generated, c.name, ...rest)
const _stub = (p: Config.Resolved, c: Ir.Contract, ...rest: ReadonlyArray<string>) => posix.join(p.handlers, c.name, ...rest)

export const Paths = {
  rpcs: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Rpcs.ts"), id: `${c.pascal}Rpcs` }),
  /** Part `n` of the public RPCs, when they do not fit in one file: `Rpcs.ts` merges the parts. */
  rpcsPart: (p: Config.Resolved, c: Ir.Contract, n: number) => ({ path: _gen(p, c, "rpcs", `Rpcs${n}.ts`), id: `${c.pascal}Rpcs${n}` }),
  client: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Client.ts"), id: `${c.pascal}Client` }),
  /** The auth middleware of the public RPCs that need a principal, and the tag handlers read the principal from. */
  auth: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Auth.ts"), id: `${c.pascal}Auth` }),
  principal: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Principal.ts"), id: `Current${c.pascal}Principal` }),
  /** The app's verifier of bearer tokens (a stub). */
  verifier: (p: Config.Resolved, c: Ir.Contract) => ({ path: _stub(p, c, "Auth.ts"), id: `${c.pascal}Verifier` }),
  events: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Events.ts"), id: `${c.pascal}Events` }),
  eventsPart: (p: Config.Resolved, c: Ir.Contract, n: number) => ({ path: _gen(p, c, "events", `Events${n}.ts`), id: `${c.pascal}Events${n}` }),
  entity: (p: Config.Resolved, c: Ir.Contract, e: Ir.Decl) => ({
    path: _gen(p, c, "entities", `${e.name}.ts`),
    id: `${e.name}Entity`
  }),
  /** A stateful entity's state service, beside its definition. */
  entityState: (p: Config.Resolved, c: Ir.Contract, e: Ir.Decl) => ({
    path: _gen(p, c, "entities", `${e.name}.ts`),
    id: `${e.name}State`
  }),
  /** Part `n` of an entity's messages, when they do not fit in one file beside its definition. */
  entityPart: (p: Config.Resolved, c: Ir.Contract, e: Ir.Decl, n: number) => ({
    path: _gen(p, c, "entities", e.name, `Messages${n}.ts`),
    id: `${e.name}Messages${n}`
  }),
  workflow: (p: Config.Resolved, c: Ir.Contract, w: Ir.Decl) => ({
    path: _gen(p, c, "workflows", `${w.name}.ts`),
    id: `${w.name}Workflow`
  }),
  /** A contract's realtime channels (`<C>Channels`); the same file holds their RPCs, layer and SSE endpoints. */
  channels: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Channels.ts"), id: `${c.pascal}Channels` }),
  channelRpcs: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Channels.ts"), id: `${c.pascal}ChannelRpcs` }),
  channelsLayer: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Channels.ts"), id: `${c.pascal}ChannelsLayer` }),
  channelsExposed: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Channels.ts"), id: `${c.pascal}ChannelsExposed` }),
  /** Part `n` of the channel definitions, when they do not fit in one file beside the group, layer and endpoints. */
  channelsPart: (p: Config.Resolved, c: Ir.Contract, n: number) => ({ path: _gen(p, c, "channels", `Channels${n}.ts`), id: `${c.pascal}Channels${n}` }),
  layer: (p: Config.Resolved, c: Ir.Contract) => ({ path: _gen(p, c, "Layer.ts"), id: `${c.pascal}Layer` }),
  layerPart: (p: Config.Resolved, c: Ir.Contract, n: number) => ({ path: _gen(p, c, "layers", `Layer${n}.ts`), id: `${c.pascal}Layer${n}` }),
  app: (p: Config.Resolved) => ({ path: posix.join(p.generated, "Layer.ts"), id: "AppLayer" }),
  appPart: (p: Config.Resolved, n: number) => ({ path: posix.join(p.generated, "layers", `AppLayer${n}.ts`), id: `AppLayer${n}` }),
  rpcHandlers: (p: Config.Resolved, c: Ir.Contract) => ({ path: _stub(p, c, "Rpcs.ts"), id: `${c.pascal}RpcHandlers` }),
  entityHandlers: (p: Config.Resolved, c: Ir.Contract, e: Ir.Decl) => ({
    path: _stub(p, c, "entities", `${e.name}.ts`),
    id: `${e.name}Handlers`
  }),
  workflowHandler: (p: Config.Resolved, c: Ir.Contract, w: Ir.Decl) => ({
    path: _stub(p, c, "workflows", `${w.name}.ts`),
    id: `${w.name}Handler`
  }),
  scheduleHandler: (p: Config.Resolved, c: Ir.Contract, s: Ir.Decl) => ({
    path: _stub(p, c, "schedules", `${s.name}.ts`),
    id: `${s.name}Schedule`
  }),
  subscription: (p: Config.Resolved, c: Ir.Contract, s: Ir.Decl) => ({
    path: _gen(p, c, "subscriptions", `${s.name}.ts`),
    id: `${s.name}Subscription`
  }),
  subscriptionHandler: (p: Config.Resolved, c: Ir.Contract, s: Ir.Decl) => ({
    path: _stub(p, c, "subscriptions", `${s.name}.ts`),
    id: `${s.name}Handler`
  }),
  job: (p: Config.Resolved, c: Ir.Contract, j: Ir.Decl) => ({ path: _gen(p, c, "jobs", `${j.name}.ts`), id: `${j.name}Job` }),
  jobHandler: (p: Config.Resolved, c: Ir.Contract, j: Ir.Decl) => ({
    path: _stub(p, c, "jobs", `${j.name}.ts`),
    id: `${j.name}JobHandler`
  }),
  webhook: (p: Config.Resolved, c: Ir.Contract, w: Ir.Decl) => ({
    path: _gen(p, c, "webhooks", `${w.name}.ts`),
    id: `${w.name}Webhook`
  })
} as const
