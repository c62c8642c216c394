/**
 * Validate a loaded contract value and build its IR. Collects every problem with its `file:line` and a
 * hint; never throws. Knows the DSL's runtime shapes; emits nothing.
 */
import * as Cron from "effect/Cron"
import * as Either from "effect/Either"
import { Contract } from "effect-contracts"
import type { ContractError } from "../ContractError.js"
import type { Discover } from "../discover/Discover.js"
import type { Ir } from "../ir/Ir.js"
import type { SchemaIr } from "../ir/SchemaIr.js"
import { SchemaRender } from "../print/SchemaRender.js"
import { ValidateAuth } from "./Auth.js"
import { ValidateChannels } from "./Channels.js"
import { ValidateContext } from "./Context.js"
import { ValidateMessaging } from "./Messaging.js"
import { ValidateState } from "./State.js"

type _Ctx = ValidateContext
type _Rec = ValidateContext.Rec

/** Members of the generated `<Contract>Events` object beside the events themselves. */
const _reserved = ["Any", "key", "publish"]

const { decl: _decl, fail: _fail, isRecord: _isRecord, schema: _schema, section: _section, tagOf: _tagOf } = ValidateContext

/** Whether a payload's values can be objects, which carry a primary key: what `Contract.rpc`'s types accept. */
const _object = (n: SchemaIr.Node): boolean =>
  n._tag === "Keyword"
    ? ["void", "any", "object"].includes(n.keyword)
    : n._tag === "Union"
    ? n.members.every(_object)
    : n._tag === "Brand" || n._tag === "Refinement"
    ? _object(n.from)
    : n._tag === "Suspend"
    ? _object(n.body)
    : ["Struct", "Tuple", "Declaration", "Ref"].includes(n._tag)

const _rpc = (ctx: _Ctx, key: string, name: string, r: _Rec, inEntity: boolean, auth?: ValidateAuth.Section): Ir.Rpc => {
  const persisted = r["persisted"] === true
  const primaryKey = typeof r["primaryKey"] === "function"
  const payload = _schema(ctx, key, `${name}.payload`, r["payload"])
  !inEntity && persisted && _fail(ctx, key, `public RPC ${name} is marked persisted`, "only entity RPCs are persisted; move it into an entity or drop `persisted`")
  persisted && !primaryKey && _fail(ctx, key, `persisted RPC ${name} has no primary key`, "add `primaryKey: (payload) => payload.id` so redeliveries are deduplicated")
  primaryKey && !_object(payload.type) && _fail(
    ctx,
    key,
    `RPC ${name} has a primary key but its payload is never an object (\`${SchemaRender.render(payload.type)}\`)`,
    "the key travels on the payload: use a fields object, a Struct, a Class, or a union or extension of them"
  )
  return {
    ..._decl(ctx, key, name),
    payload,
    success: _schema(ctx, key, `${name}.success`, r["success"]),
    error: _schema(ctx, key, `${name}.error`, r["error"]),
    stream: r["stream"] === true,
    persisted,
    primaryKey,
    idempotent: r["idempotent"] === true,
    auth: ValidateAuth.rpc(ctx, key, name, r, inEntity, auth)
  }
}

const _entity = (ctx: _Ctx, name: string, e: _Rec): Ir.Entity => {
  const key = `entities.${name}`
  const rpcs = _isRecord(e["rpcs"]) ? Object.entries(e["rpcs"]) : []
  rpcs.length === 0 && _fail(ctx, key, `entity ${name} has no RPCs`, "add at least one message: `rpcs: { Name: Contract.rpc({ ... }) }`")
  return {
    ..._decl(ctx, key, name),
    state: ValidateState.entity(ctx, key, name, e, rpcs.map(([m]) => m)),
    rpcs: rpcs.flatMap(([m, r]) => {
      const ok = _tagOf(r) === "Rpc"
      ok || _fail(ctx, `${key}.rpcs.${m}`, `${name}.${m} is not made with Contract.rpc`, "declare it with `Contract.rpc({ ... })`")
      return ok ? [_rpc(ctx, `${key}.rpcs.${m}`, m, r as _Rec, true)] : []
    }),
    mailboxCapacity: e["mailboxCapacity"] as Ir.Entity["mailboxCapacity"],
    concurrency: e["concurrency"] as Ir.Entity["concurrency"],
    maxIdleTime: e["maxIdleTime"] as string | undefined
  }
}

const _workflow = (ctx: _Ctx, name: string, w: _Rec): Ir.Workflow => {
  const key = `workflows.${name}`
  const versions = Array.isArray(w["versions"]) ? (w["versions"] as ReadonlyArray<unknown>) : []
  versions.length === 0 && _fail(ctx, key, `workflow ${name} has no payload versions`, "list at least one payload schema: `versions: [PayloadV1]`")
  typeof w["idempotencyKey"] === "function" || _fail(ctx, key, `workflow ${name} has no idempotency key`, "add `idempotencyKey: (payload) => payload.id`")
  return {
    ..._decl(ctx, key, name),
    versions: versions.map((v, i) => _schema(ctx, key, `${name}.versions[${i}]`, v)),
    success: _schema(ctx, key, `${name}.success`, w["success"]),
    error: _schema(ctx, key, `${name}.error`, w["error"])
  }
}

const _schedule = (ctx: _Ctx, name: string, s: _Rec): Ir.Schedule => {
  const key = `schedules.${name}`
  const cron = typeof s["cron"] === "string" ? s["cron"] : undefined
  const parsed = cron === undefined ? undefined : Cron.parse(cron)
  parsed !== undefined && Either.isLeft(parsed) &&
    _fail(ctx, key, `schedule ${name}: invalid cron "${cron}": ${parsed.left.message}`, "fields are minute hour day-of-month month day-of-week (a seconds field may come first), e.g. `*/5 * * * *`")
  cron === undefined && s["singleton"] !== true &&
    _fail(ctx, key, `schedule ${name} has neither cron nor singleton`, "use `{ cron: \"0 * * * *\" }` or `{ singleton: true }`")
  const decl = _decl(ctx, key, name)
  return cron === undefined
    ? { ...decl, kind: "singleton" }
    : { ...decl, kind: "cron", cron, skipIfOlderThan: s["skipIfOlderThan"] as string | undefined }
}

/** Validate the default export of one discovered contract file and build its IR. */
const contract = (found: Discover.Result, value: unknown): Either.Either<Ir.Contract, ReadonlyArray<ContractError>> => {
  const ctx: _Ctx = { found, errors: [] }
  const ok = Contract.isContract(value)
  ok || _fail(ctx, "", "the default export is not a contract", "export `Contract.make(\"name\", { ... })` from \"effect-contracts\" by default")
  const c = (ok ? value : { name: "invalid" }) as _Rec
  const name = typeof c["name"] === "string" ? c["name"] : ""
  const auth = ValidateAuth.section(ctx, c)
  ok && !/^[a-z][A-Za-z0-9]*$/.test(name) &&
    _fail(ctx, "", `contract name "${name}" is not valid`, "use a camelCase name such as `orders` (letters and digits)")
  const ir: Ir.Contract = {
    name,
    pascal: name.charAt(0).toUpperCase() + name.slice(1),
    file: found.file,
    line: found.line,
    doc: undefined,
    auth: auth?.ir,
    events: _section(ctx, c, "events", "Event", "Contract.event").map(([n, e]) => {
      typeof e["key"] === "function" || _fail(ctx, `events.${n}`, `event ${n} has no key`, "add `key: (event) => event.id`")
      _reserved.includes(n) &&
        _fail(ctx, `events.${n}`, `event name "${n}" is taken by the generated events module (${_reserved.join(", ")})`, "rename the event, e.g. `OrderPlaced`")
      return { ..._decl(ctx, `events.${n}`, n), payload: _schema(ctx, `events.${n}`, `${n}.payload`, e["payload"]) }
    }),
    rpcs: _section(ctx, c, "rpcs", "Rpc", "Contract.rpc").map(([n, r]) => _rpc(ctx, `rpcs.${n}`, n, r, false, auth)),
    entities: _section(ctx, c, "entities", "Entity", "Contract.entity").map(([n, e]) => _entity(ctx, n, e)),
    workflows: _section(ctx, c, "workflows", "Workflow", "Contract.workflow").map(([n, w]) => _workflow(ctx, n, w)),
    schedules: _section(ctx, c, "schedules", "Schedule", "Contract.schedule").map(([n, s]) => _schedule(ctx, n, s)),
    subscriptions: _section(ctx, c, "subscriptions", "Subscription", "Contract.subscription").map(([n, s]) => ValidateMessaging.subscription(ctx, n, s)),
    jobs: _section(ctx, c, "jobs", "Job", "Contract.job").map(([n, j]) => ValidateMessaging.job(ctx, n, j)),
    webhooks: _section(ctx, c, "webhooks", "Webhook", "Contract.webhook").map(([n, w]) => ValidateMessaging.webhook(ctx, n, w)),
    channels: _section(ctx, c, "channels", "Channel", "Contract.channel").map(([n, ch]) => ValidateChannels.channel(ctx, n, ch, auth))
  }
  return ctx.errors.length > 0 ? Either.left(ctx.errors) : Either.right(ir)
}

export const Validate = { contract } as const
