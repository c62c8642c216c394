/**
 * Validates the messaging sections of a contract (subscriptions, jobs, webhooks) and builds their IR:
 * a subscription's publisher and events, job and webhook options. Whether the publisher is among the
 * run's contracts is `Ir.link`'s question; this module sees one contract at a time.
 */
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import { Contract } from "effect-contracts"
import type { Ir } from "../ir/Ir.js"
import { ValidateContext } from "./Context.js"

type _Ctx = ValidateContext
type _Rec = ValidateContext.Rec

const { decl: _decl, fail: _fail, isRecord: _isRecord, schema: _schema } = ValidateContext

const _show = (u: unknown): string => typeof u === "string" ? JSON.stringify(u) : String(u)

const subscription = (ctx: _Ctx, name: string, s: _Rec): Ir.Subscription => {
  const key = `subscriptions.${name}`
  const to = s["to"]
  const isContract = Contract.isContract(to)
  isContract || _fail(
    ctx,
    key,
    `subscription ${name}: \`to\` is not a contract${to === undefined ? " (it is undefined)" : ""}`,
    to === undefined
      ? "import the publishing contract's default export and pass it: `to: Orders`; if that contract imports this one too, the imports are circular, which contracts cannot be: subscribe in one direction only"
      : "import the publishing contract's default export (`import Orders from \"./orders.contract.js\"`) and pass it: `to: Orders`"
  )
  const publisher = isContract ? to.name : ""
  const declared = isContract && _isRecord(to.events) ? Object.keys(to.events) : []
  const events = Array.isArray(s["events"]) ? (s["events"] as ReadonlyArray<unknown>) : []
  events.length === 0 &&
    _fail(ctx, key, `subscription ${name} lists no events`, "list the events it receives, e.g. `events: [\"OrderPlaced\"]`")
  const listed = declared.length === 0 ? "it declares no events" : `its events are ${declared.join(", ")}`
  events.forEach((e, i) => {
    isContract && !declared.includes(e as string) &&
      _fail(ctx, key, `subscription ${name}: contract "${publisher}" has no event ${_show(e)}`, `subscribe to events of "${publisher}": ${listed}`)
    events.indexOf(e) < i && _fail(ctx, key, `subscription ${name} lists event ${_show(e)} twice`, "list each event once")
  })
  return { ..._decl(ctx, key, name), to: publisher, events: events.filter((e): e is string => typeof e === "string") }
}

/** A capacity or concurrency: a whole number above 0, `"unbounded"`, or left out. */
const _count = (ctx: _Ctx, key: string, what: string, u: unknown): number | "unbounded" | undefined => {
  const ok = u === undefined || u === "unbounded" || (Number.isInteger(u) && (u as number) > 0)
  ok || _fail(ctx, key, `${what} must be a whole number above 0 or "unbounded" (got ${_show(u)})`, "e.g. `1` (one at a time) or `\"unbounded\"`; leave it out for the default")
  return ok ? (u as number | "unbounded" | undefined) : undefined
}

const job = (ctx: _Ctx, name: string, j: _Rec): Ir.Job => {
  const key = `jobs.${name}`
  const retry = j["retry"]
  const times = _isRecord(retry) ? retry["times"] : undefined
  const retryOk = retry === undefined || (Number.isInteger(times) && (times as number) >= 0)
  retryOk || _fail(
    ctx,
    key,
    `job ${name}: retry.times must be a whole number of 0 or more (got ${_show(times ?? retry)})`,
    "`retry: { times: 3 }` retries a failing job three times, then dead-letters it; `times: 0` dead-letters it at once"
  )
  const keepAlive = j["keepAlive"]
  keepAlive === undefined || typeof keepAlive === "boolean" ||
    _fail(ctx, key, `job ${name}: keepAlive must be true or false (got ${_show(keepAlive)})`, "`keepAlive: true` keeps a long batch job's entity alive while it runs")
  return {
    ..._decl(ctx, key, name),
    payload: _schema(ctx, key, `${name}.payload`, j["payload"]),
    success: _schema(ctx, key, `${name}.success`, j["success"]),
    error: _schema(ctx, key, `${name}.error`, j["error"]),
    concurrency: _count(ctx, key, `job ${name}: concurrency`, j["concurrency"]),
    mailboxCapacity: _count(ctx, key, `job ${name}: mailboxCapacity`, j["mailboxCapacity"]),
    keepAlive: keepAlive === true,
    retry: retryOk && retry !== undefined ? { times: times as number } : undefined,
    partitions: _whole(ctx, key, `job ${name}: partitions`, j["partitions"], 1),
    maxIdleTime: _duration(ctx, key, `job ${name}: maxIdleTime`, j["maxIdleTime"]) === undefined ? undefined : j["maxIdleTime"] as string
  }
}

/** A positive duration such as `"15 seconds"`, or left out. */
const _duration = (ctx: _Ctx, key: string, what: string, u: unknown): Duration.Duration | undefined => {
  const d = u === undefined ? undefined : Option.getOrUndefined(Duration.decodeUnknown(u))
  const ok = u === undefined || (typeof u === "string" && d !== undefined && Duration.greaterThan(d, Duration.zero))
  ok || _fail(ctx, key, `${what} must be a duration above 0 (got ${_show(u)})`, "write it like `\"15 seconds\"`, `\"5 minutes\"` or `\"2 hours\"`")
  return ok ? d : undefined
}

/** A whole number of at least `min`, or left out. */
const _whole = (ctx: _Ctx, key: string, what: string, u: unknown, min: number): number | undefined => {
  const ok = u === undefined || (Number.isInteger(u) && (u as number) >= min)
  ok || _fail(ctx, key, `${what} must be a whole number of ${min} or more (got ${_show(u)})`, "leave it out for the default")
  return ok ? (u as number | undefined) : undefined
}

const _retry = (ctx: _Ctx, key: string, name: string, r: unknown): Ir.Webhook["retry"] => {
  const what = `webhook ${name}: retry`
  const rec = _isRecord(r) ? r : {}
  const jitter = rec["jitter"]
  r === undefined || _isRecord(r) && (Array.isArray(r["delays"]) || r["times"] !== undefined) || _fail(
    ctx,
    key,
    `${what} is neither a list of delays nor a backoff`,
    "use `retry: { delays: [\"5 seconds\", \"5 minutes\"] }` or `retry: { times: 5, base: \"1 second\" }`"
  )
  jitter === undefined || (typeof jitter === "number" && jitter >= 0 && jitter <= 1) ||
    _fail(ctx, key, `${what}.jitter must be a number from 0 to 1 (got ${_show(jitter)})`, "e.g. `jitter: 0.2` spreads each wait by ±20%")
  const j = typeof jitter === "number" ? jitter : undefined
  const delays = Array.isArray(rec["delays"]) ? (rec["delays"] as ReadonlyArray<unknown>) : undefined
  delays?.forEach((d, i) => _duration(ctx, key, `${what}.delays[${i}]`, d))
  const factor = rec["factor"]
  factor === undefined || (typeof factor === "number" && factor >= 1) ||
    _fail(ctx, key, `${what}.factor must be a number of 1 or more (got ${_show(factor)})`, "each wait is the previous one times `factor`; 2 doubles it")
  rec["times"] !== undefined && rec["base"] === undefined &&
    _fail(ctx, key, `${what} has \`times\` but no \`base\` delay`, "add the first wait, e.g. `base: \"1 second\"`")
  const times = _whole(ctx, key, `${what}.times`, rec["times"], 0)
  _duration(ctx, key, `${what}.base`, rec["base"])
  _duration(ctx, key, `${what}.max`, rec["max"])
  return delays !== undefined
    ? { kind: "delays", delays: delays.map(String), jitter: j }
    : times !== undefined && typeof rec["base"] === "string"
    ? { kind: "backoff", times, base: rec["base"], factor: typeof factor === "number" ? factor : undefined, max: rec["max"] as string | undefined, jitter: j }
    : undefined
}

const webhook = (ctx: _Ctx, name: string, w: _Rec): Ir.Webhook => {
  const key = `webhooks.${name}`
  const timeout = _duration(ctx, key, `webhook ${name}: attemptTimeout`, w["attemptTimeout"])
  const deadline = _duration(ctx, key, `webhook ${name}: deadline`, w["deadline"])
  deadline !== undefined && Duration.lessThan(deadline, timeout ?? Duration.seconds(15)) && _fail(
    ctx,
    key,
    `webhook ${name}: its deadline (${_show(w["deadline"])}) is shorter than one attempt (${_show(w["attemptTimeout"] ?? "15 seconds")})`,
    "give the deadline room for the retries, or shorten `attemptTimeout`"
  )
  return {
    ..._decl(ctx, key, name),
    payload: _schema(ctx, key, `${name}.payload`, w["payload"]),
    retry: _retry(ctx, key, name, w["retry"]),
    attemptTimeout: w["attemptTimeout"] as string | undefined,
    deadline: w["deadline"] as string | undefined
  }
}

export const ValidateMessaging = { subscription, job, webhook } as const
