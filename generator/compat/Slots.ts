/**
 * Every schema slot of the IR with its role: events, RPC payload / success / error, entity messages
 * (persisted or not), entity state, workflow payload versions and results, jobs, webhooks, channel keys and
 * payloads, a contract's auth principal. The role decides the directions checked. Subscriptions have no slots of their
 * own: they read the publisher's events.
 */
import type { Ir } from "../ir/Ir.js"
import type { SchemaIr } from "../ir/SchemaIr.js"
import { Rule } from "./Rule.js"

const roles = [
  "event",
  "rpc-payload",
  "rpc-success",
  "rpc-error",
  "message-payload",
  "message-success",
  "message-error",
  "persisted-payload",
  "persisted-success",
  "persisted-error",
  "entity-state",
  "workflow-payload",
  "workflow-success",
  "workflow-error",
  "job-payload",
  "job-success",
  "job-error",
  "webhook",
  "channel-key",
  "channel-payload",
  "principal"
] as const

/**
 * Directions by role. Public RPCs and entity messages: the server reads old payloads (backward), old
 * callers read new responses (forward). Events, persisted messages and their stored replies, entity state and
 * workflow results outlive deploys: both (stored state is read by the pods of either version during a deploy). Workflow payloads: backward, over every recorded version. Jobs are
 * persisted entity messages: queued payloads and stored results are read across deploys, both ways.
 * Webhooks: external receivers built against earlier payloads read the new ones (forward). Channels: clients
 * built before a deploy read new messages (forward) and a resumed stream replays messages stored before it
 * (backward); the key addresses stored streams and arrives from clients of either version: both. The auth
 * principal: tokens issued before a deploy carry the old form, which new verifiers read (backward), like an
 * RPC payload.
 */
const dirs: { readonly [R in Slots.Role]: Rule.Dirs } = {
  "event": Rule.both,
  "rpc-payload": Rule.backward,
  "rpc-success": Rule.forward,
  "rpc-error": Rule.forward,
  "message-payload": Rule.backward,
  "message-success": Rule.forward,
  "message-error": Rule.forward,
  "persisted-payload": Rule.both,
  "persisted-success": Rule.both,
  "persisted-error": Rule.both,
  "entity-state": Rule.both,
  "workflow-payload": Rule.backward,
  "workflow-success": Rule.both,
  "workflow-error": Rule.both,
  "job-payload": Rule.both,
  "job-success": Rule.both,
  "job-error": Rule.both,
  "webhook": Rule.forward,
  "channel-key": Rule.both,
  "channel-payload": Rule.both,
  "principal": Rule.backward
}

/** What would make a break of this role safe, beyond the rule's own fix. */
const advice: { readonly [R in Slots.Role]: string } = {
  "event": "events outlive deploys (queues, replays): publish a new event (e.g. `OrderPlacedV2`) beside the old one during the migration",
  "rpc-payload": "old clients keep calling new servers: ship the server change only once no client sends the old payload, or add a new RPC",
  "rpc-success": "old clients keep reading new responses: roll out clients that accept the new response first, or add a new RPC",
  "rpc-error": "old clients keep reading new errors: roll out clients that know the error first, or add a new RPC",
  "message-payload": "callers on the previous version keep sending: deploy the entity change after every caller sends the new form",
  "message-success": "callers on the previous version keep reading replies: deploy callers first",
  "message-error": "callers on the previous version keep reading errors: deploy callers first",
  "persisted-payload": "stored messages are redelivered after deploys: add a new message, drain the old one, then remove it",
  "persisted-success": "stored replies are read after deploys: add a new message instead of changing this reply",
  "persisted-error": "stored replies are read after deploys: add a new message instead of changing this error",
  "entity-state":
    "stored state is loaded after every deploy, and by pods of both versions during one: add fields as optional (or with a default), and keep every stored form decodable",
  "workflow-payload": "running workflows resume with payloads of every recorded version: add a version to `versions` instead of editing one",
  "workflow-success": "stored workflow results are read by callers of any version: add a new workflow for a new result",
  "workflow-error": "stored workflow errors are read by callers of any version: add a new workflow for a new error",
  "job-payload": "queued jobs are run after deploys, and pods of either version run them during one: add a new job, drain the old one, then remove it",
  "job-success": "stored job results are read by callers of either version: add a new job for a new result",
  "job-error": "stored job errors are read by callers of either version: add a new job for a new error",
  "webhook": "receivers you do not deploy parse every delivery: add a new webhook (e.g. `OrderShippedV2`) and let receivers move to it",
  "channel-key": "stored streams are addressed by the key's wire form and old clients keep subscribing with it: add a new channel for a new key",
  "channel-payload": "old clients keep reading new messages and resumed streams replay stored ones: add a new channel (e.g. `OrderUpdatesV2`) and publish to both while clients move",
  "principal": "tokens issued before the deploy keep arriving until they expire: accept the old form too, or change it once they have expired"
}

type _At = Slots.At

const _slot = (path: string, owner: string, role: Slots.Role, s: SchemaIr, at: _At, stream = false): Slots.Slot => ({
  path,
  owner,
  role,
  stream,
  encoded: s.encoded,
  type: s.type,
  file: at.file,
  line: at.line
})

const _rpc = (owner: string, r: Ir.Rpc, kind: "rpc" | "message" | "persisted", file: string): ReadonlyArray<Slots.Slot> => [
  _slot(`${owner}.payload`, owner, `${kind}-payload`, r.payload, { file, line: r.line }),
  _slot(`${owner}.success`, owner, `${kind}-success`, r.success, { file, line: r.line }, r.stream),
  _slot(`${owner}.error`, owner, `${kind}-error`, r.error, { file, line: r.line })
]

/** Every slot of every contract, with the file and line of its declaration; paths read like `orders.rpcs.GetOrder.payload`. */
const fromIr = (ir: Ir): ReadonlyArray<Slots.Slot> =>
  ir.contracts.flatMap((c) => {
    const at = (d: Ir.Decl): _At => ({ file: c.file, line: d.line })
    return [
      ...(c.auth === undefined ? [] : [_slot(`${c.name}.auth.principal`, `${c.name}.auth`, "principal", c.auth.principal, { file: c.file, line: c.auth.line })]),
      ...c.events.map((e) => _slot(`${c.name}.events.${e.name}`, `${c.name}.events.${e.name}`, "event", e.payload, at(e))),
      ...c.rpcs.flatMap((r) => _rpc(`${c.name}.rpcs.${r.name}`, r, "rpc", c.file)),
      ...c.entities.flatMap((e) => [
        ...(e.state === undefined
          ? []
          : [_slot(`${c.name}.entities.${e.name}.state`, `${c.name}.entities.${e.name}.state`, "entity-state", e.state.schema, at(e.state))]),
        ...e.rpcs.flatMap((r) => _rpc(`${c.name}.entities.${e.name}.${r.name}`, r, r.persisted ? "persisted" : "message", c.file))
      ]),
      ...c.jobs.flatMap((j) => {
        const owner = `${c.name}.jobs.${j.name}`
        return [
          _slot(`${owner}.payload`, owner, "job-payload", j.payload, at(j)),
          _slot(`${owner}.success`, owner, "job-success", j.success, at(j)),
          _slot(`${owner}.error`, owner, "job-error", j.error, at(j))
        ]
      }),
      ...c.webhooks.map((w) => _slot(`${c.name}.webhooks.${w.name}`, `${c.name}.webhooks.${w.name}`, "webhook", w.payload, at(w))),
      ...c.channels.flatMap((ch) => {
        const owner = `${c.name}.channels.${ch.name}`
        return [_slot(`${owner}.key`, owner, "channel-key", ch.key, at(ch)), _slot(`${owner}.payload`, owner, "channel-payload", ch.payload, at(ch))]
      }),
      ...c.workflows.flatMap((w) => {
        const owner = `${c.name}.workflows.${w.name}`
        return [
          ...w.versions.map((v, i) => _slot(`${owner}.v${i + 1}`, owner, "workflow-payload", v, at(w))),
          _slot(`${owner}.success`, owner, "workflow-success", w.success, at(w)),
          _slot(`${owner}.error`, owner, "workflow-error", w.error, at(w))
        ]
      })
    ]
  })

/** Each contract's file and the line of its `export default`: where a removed declaration is reported. */
const contracts = (ir: Ir): ReadonlyMap<string, _At> => new Map(ir.contracts.map((c) => [c.name, { file: c.file, line: c.line }]))

/** The declaration a slot belongs to: an event's, webhook's or entity state's slot is the declaration; other paths end with a part name. */
const owner = (path: string, role: Slots.Role): string =>
  role === "event" || role === "webhook" || role === "entity-state" ? path : path.slice(0, path.lastIndexOf("."))

export const Slots = { roles, dirs, advice, fromIr, contracts, owner } as const

export declare namespace Slots {
  type Role = typeof roles[number]
  interface Slot extends Rule.Slot {
    readonly owner: string
    readonly role: Role
    /** Where the slot's declaration is (absolute file, 1-based line); absent for slots built outside a contract file. */
    readonly file?: string
    readonly line?: number
  }
  interface At {
    readonly file: string
    readonly line: number
  }
}
