/**
 * Emits handler stubs, one file per RPC group / entity / workflow / schedule / subscription / job. Written only when missing
 * (the writer never overwrites a stub); typed against the generated definitions, so a new RPC in a
 * contract is a compile error in its stub rather than a silent overwrite.
 */
import type { Config } from "../Config.js"
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

type _Target = { readonly path: string; readonly id: string }

const _handlers = (
  paths: Config.Resolved,
  c: Ir.Contract,
  stub: _Target,
  def: _Target,
  rpcs: ReadonlyArray<Ir.Rpc>,
  arg: string,
  what: string,
  scope: string,
  principal?: string,
  state?: _Target
): Printer.File =>
  Common.stub(paths, {
    path: stub.path,
    source: c.file,
    imports: [
      { from: "effect/Effect", namespace: "Effect" },
      ...(rpcs.some((r) => r.stream) ? [{ from: "effect/Stream", namespace: "Stream" }] : []),
      { from: def.path, names: [def.id, ...(state === undefined ? [] : [state.id])] }
    ],
    body: [
      ...Printer.doc([
        `Handlers of ${what}. Yield the services they need here, then use them below.`,
        ...(state === undefined ? [] : [
          `Its state (\`${state.id}\`): \`state.get\` reads it; \`state.update((s) => …)\` and \`state.modify\` change it in one SQL`,
          "transaction with the events and channel messages the change publishes (a failure rolls back all of them)."
        ])
      ]),
      `export const ${stub.id} = Effect.gen(function*() {`,
      ...(state === undefined ? [] : [`  const state = yield* ${state.id}`]),
      `  return ${def.id}.of({`,
      ...rpcs.flatMap((r, i) => [
        ...Printer.doc([r.doc, ...(r.auth && principal !== undefined ? [`The verified caller: \`yield* ${principal}\`.`] : [])], "    "),
        `    ${r.name}: (${arg}) => ${_todo(r, state !== undefined, Common.todo(paths, `${scope}.${r.name}`, stub.path))}${i === rpcs.length - 1 ? "" : ","}`
      ]),
      "  })",
      "})"
    ]
  })

/** An unimplemented handler's body: it dies naming the file to edit (after reading the state, when there is one). */
const _todo = (r: Ir.Rpc, stateful: boolean, message: string): string =>
  !stateful
    ? `${r.stream ? "Stream" : "Effect"}.dieMessage(${message})`
    : r.stream
    ? `Stream.unwrap(Effect.as(state.get, Stream.dieMessage(${message})))`
    : `Effect.zipRight(state.get, Effect.dieMessage(${message}))`

const _schedule = (paths: Config.Resolved, c: Ir.Contract, s: Ir.Schedule): Printer.File => {
  const stub = Paths.scheduleHandler(paths, c, s)
  const when = s.kind === "cron"
    ? `on \`${s.cron}\`, once per tick across the cluster.`
    : "on exactly one pod at a time. It should run for good (loop): when it returns, it is not restarted."
  return Common.stub(paths, {
    path: stub.path,
    source: c.file,
    imports: [{ from: "effect/Effect", namespace: "Effect" }],
    body: [
      ...Printer.doc([s.doc, `Schedule \`${s.name}\`: runs ${when}`, "Any services it needs are required by the contract's layer."]),
      `export const ${stub.id} = Effect.logWarning(${Common.todo(paths, `${c.name}.${s.name}`, stub.path)})`
    ]
  })
}

/** A stub typed by the `Handler` of its generated definition, whose body fails naming the file to edit. */
const _typed = (paths: Config.Resolved, c: Ir.Contract, stub: _Target, def: _Target, params: string, doc: ReadonlyArray<string | undefined>, what: string): Printer.File =>
  Common.stub(paths, {
    path: stub.path,
    source: c.file,
    imports: [{ from: "effect/Effect", namespace: "Effect" }, { from: def.path, names: [def.id], type: true }],
    body: [
      ...Printer.doc(doc),
      `export const ${stub.id}: ${def.id}.Handler = (${params}) =>`,
      `  Effect.dieMessage(${Common.todo(paths, what, stub.path)})`
    ]
  })

const _workflow = (paths: Config.Resolved, c: Ir.Contract, w: Ir.Workflow): Printer.File =>
  _typed(paths, c, Paths.workflowHandler(paths, c, w), Paths.workflow(paths, c, w), "input, executionId", [
    w.doc,
    `Runs workflow \`${w.name}\`: wrap each side effect in an \`Activity\` so it runs once.`
  ], `${c.name}.${w.name}`)

const _subscription = (paths: Config.Resolved, c: Ir.Contract, s: Ir.Subscription): Printer.File =>
  _typed(paths, c, Paths.subscriptionHandler(paths, c, s), Paths.subscription(paths, c, s), "event, delivery", [
    s.doc,
    `Handles ${s.events.map((e) => `\`${e}\``).join(", ")} of contract \`${s.to}\` (match on \`event._tag\`). Delivery is at least once:`,
    "a database write made in one transaction with `delivery.acknowledge` happens once; key any other side",
    "effect by `delivery.eventId`, which is the same on every delivery of one event.",
    "A failure is retried, then dead-lettered; type its errors and services as `Handler<E, R>`."
  ], `${c.name}.${s.name}`)

const _times = (n: number | undefined): string =>
  n === undefined ? "as often as the runtime's default says" : n === 0 ? "never" : n === 1 ? "once" : `up to ${n} times`

const _job = (paths: Config.Resolved, c: Ir.Contract, j: Ir.Job): Printer.File =>
  _typed(paths, c, Paths.jobHandler(paths, c, j), Paths.job(paths, c, j), "payload, job", [
    j.doc,
    `Runs job \`${j.name}\`: \`job.id\` is the job's id, \`job.attempt\` counts from 1. A typed error is its outcome;`,
    `a defect is retried ${_times(j.retry?.times)}, then the job is dead-lettered. The services it needs are required by the contract's layer.`
  ], `${c.name}.${j.name}`)

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.flatMap((c) => [
    ...(c.rpcs.length > 0
      ? [_handlers(paths, c, Paths.rpcHandlers(paths, c), Paths.rpcs(paths, c), c.rpcs, "payload", `the public RPCs of contract \`${c.name}\``, c.name, Paths.principal(paths, c).id)]
      : []),
    ...c.entities.map((e) =>
      _handlers(paths, c, Paths.entityHandlers(paths, c, e), Paths.entity(paths, c, e), e.rpcs, "request", `entity \`${e.name}\``, `${c.name}/${e.name}`, undefined,
        e.state === undefined ? undefined : Paths.entityState(paths, c, e))
    ),
    ...c.workflows.map((w) => _workflow(paths, c, w)),
    ...c.schedules.map((s) => _schedule(paths, c, s)),
    ...c.subscriptions.map((s) => _subscription(paths, c, s)),
    ...c.jobs.map((j) => _job(paths, c, j))
  ])

export const Stubs = { emit } as const
