/**
 * Emits `<contract>/Layer.ts`, wiring every handler stub of a contract to its definition (RPC group,
 * entities, workflows, schedules, subscriptions, jobs) and its channels' layer. The app-wide `Layer.ts` is
 * `App.ts`'s.
 */
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import type { Config } from "../Config.js"
import { Auth } from "./Auth.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

const _entityOptions = (e: Ir.Entity): string => {
  const options = [
    e.mailboxCapacity === undefined ? undefined : `mailboxCapacity: ${JSON.stringify(e.mailboxCapacity)}`,
    e.concurrency === undefined ? undefined : `concurrency: ${JSON.stringify(e.concurrency)}`,
    e.maxIdleTime === undefined ? undefined : `maxIdleTime: ${JSON.stringify(e.maxIdleTime)}`
  ].filter((o): o is string => o !== undefined)
  return options.length === 0 ? "" : `, { ${options.join(", ")} }`
}

const _schedule = (c: Ir.Contract, s: Ir.Schedule, handler: string): string =>
  s.kind === "cron"
    ? [
      "ClusterCron.make({",
      `    name: ${JSON.stringify(`${c.name}.${s.name}`)},`,
      `    cron: Cron.unsafeParse(${JSON.stringify(s.cron)}),`,
      "    calculateNextRunFromPrevious: true,",
      ...(s.skipIfOlderThan === undefined ? [] : [`    skipIfOlderThan: ${JSON.stringify(s.skipIfOlderThan)},`]),
      `    execute: ${handler}`,
      "  })"
    ].join("\n")
    : `Singleton.make(${JSON.stringify(`${c.name}.${s.name}`)}, ${handler})`

const _contract = (paths: Config.Resolved, c: Ir.Contract): ReadonlyArray<Printer.File> => {
  const rpcs = Paths.rpcs(paths, c)
  const rpcHandlers = Paths.rpcHandlers(paths, c)
  const parts = [
    ...(c.rpcs.length > 0 ? [{ line: `${rpcs.id}.toLayer(${rpcHandlers.id})`, imports: [rpcs, rpcHandlers] }] : []),
    ...(Auth.needed(c)
      ? [{ line: `Auth.layer(${Paths.auth(paths, c).id}, ${Paths.verifier(paths, c).id})`, imports: [Paths.auth(paths, c), Paths.verifier(paths, c)] }]
      : []),
    ...c.entities.map((e) => {
      const def = Paths.entity(paths, c, e)
      const h = Paths.entityHandlers(paths, c, e)
      const state = Paths.entityState(paths, c, e)
      return e.state === undefined
        ? { line: `${def.id}.toLayer(${h.id}${_entityOptions(e)})`, imports: [def, h] }
        : { line: `${def.id}.toLayer(${state.id}.activate(${h.id})${_entityOptions(e)})`, imports: [def, state, h] }
    }),
    ...c.workflows.map((w) => {
      const def = Paths.workflow(paths, c, w)
      const h = Paths.workflowHandler(paths, c, w)
      return { line: `${def.id}.toLayer(({ input }, executionId) => ${h.id}(input, executionId))`, imports: [def, h] }
    }),
    ...c.schedules.map((s) => {
      const h = Paths.scheduleHandler(paths, c, s)
      return { line: _schedule(c, s, h.id), imports: [h] }
    }),
    ...c.subscriptions.map((s) => {
      const def = Paths.subscription(paths, c, s)
      return { line: def.id, imports: [def] }
    }),
    ...c.jobs.map((j) => {
      const def = Paths.job(paths, c, j)
      const h = Paths.jobHandler(paths, c, j)
      return { line: `${def.id}.toLayer(${h.id})`, imports: [def, h] }
    }),
    ...(c.channels.length > 0 ? [{ line: Paths.channelsLayer(paths, c).id, imports: [Paths.channelsLayer(paths, c)] }] : [])
  ]
  const single = _layerFile(paths, c, Paths.layer(paths, c), parts, true)
  // What a part costs in a file: its lines, and an import line per definition or handler it wires.
  const blocks = parts.map((p) => [...p.line.split("\n"), ...p.imports.map((i) => i.id)])
  const runs = Printer.lines(single) <= Printer.maxLines
    ? []
    : Printer.pack(blocks, Printer.maxLines - 16).map((run) => parts.filter((_, j) => run.includes(blocks[j]!)))
  const targets = runs.map((_, i) => Paths.layerPart(paths, c, i + 1))
  return runs.length === 0
    ? [single]
    : [
      _layerFile(paths, c, Paths.layer(paths, c), targets.map((t) => ({ line: t.id, imports: [t] })), true),
      ...runs.map((run, i) => _layerFile(paths, c, targets[i]!, run, false))
    ]
}

/** The groups the auth middleware guards: "`OrdersRpcs`", "`OrdersChannelRpcs`" or both. */
const _served = (paths: Config.Resolved, c: Ir.Contract): string =>
  [
    ...(c.rpcs.some((r) => r.auth) ? [Paths.rpcs(paths, c).id] : []),
    ...(c.channels.some((ch) => ch.auth === "required") ? [Paths.channelRpcs(paths, c).id] : [])
  ].map((id) => `\`${id}\``).join(" and ")

type _Part = { readonly line: string; readonly imports: ReadonlyArray<{ readonly path: string; readonly id: string }> }

/** A file merging `parts` into the layer `target`; `main` when it is the contract's own `<Pascal>Layer`, else one of its parts. */
const _layerFile = (paths: Config.Resolved, c: Ir.Contract, target: _Target, parts: ReadonlyArray<_Part>, main: boolean): Printer.File => {
  const crons = parts.some((p) => p.line.startsWith("ClusterCron."))
  return Common.generated(paths, {
    path: target.path,
    source: c.file,
    imports: [
      { from: "effect/Layer", namespace: "Layer" },
      ...(crons ? [{ from: "effect/Cron", namespace: "Cron" }, { from: "@effect/cluster/ClusterCron", namespace: "ClusterCron" }] : []),
      ...(parts.some((p) => p.line.startsWith("Singleton.")) ? [{ from: "@effect/cluster/Singleton", namespace: "Singleton" }] : []),
      ...(parts.some((p) => p.line.startsWith("Auth.")) ? [{ from: "effect-contracts/Auth", names: ["Auth"] }] : []),
      ...parts.flatMap((p) => p.imports.map((i) => ({ from: i.path, names: [i.id] })))
    ],
    body: [
      ...Printer.doc(main
        ? [
          `Every handler of contract \`${c.name}\`, wired to its definition.`,
          `Needs \`Sharding\` (entities, schedules${c.jobs.length > 0 ? ", jobs" : ""}) and a \`WorkflowEngine\` (workflows) from the app's cluster layer${
            c.subscriptions.length > 0 ? "," : "."
          }`,
          ...(c.subscriptions.length > 0 ? ["and `Events.Registry` (subscriptions) from `Events.layer`, which `AppLayer` provides."] : []),
          ...(c.channels.length > 0 ? ["Its channels need `Realtime.Hub` from `Realtime.layer`, which `AppLayer` provides."] : []),
          ...(c.entities.some((e) => e.state !== undefined)
            ? ["Its stateful entities load their state on start (`<Entity>State.activate`) from the table `EntityState.layer` creates."]
            : []),
          ...(Auth.needed(c) ? [`Provides \`${Paths.auth(paths, c).id}\` (its verifier: \`${Paths.verifier(paths, c).id}\`), which serving ${_served(paths, c)} needs.`] : [])
        ]
        : [`Part of \`${Paths.layer(paths, c).id}\`: some handlers of contract \`${c.name}\`, wired to their definitions.`]),
      parts.length === 0
        ? `export const ${target.id} = Layer.empty`
        : `export const ${target.id} = Layer.mergeAll(\n${parts.map((p) => `  ${p.line}`).join(",\n")}\n)`
    ]
  })
}

type _Target = { readonly path: string; readonly id: string }

const emit: Common.Emitter = (ir, paths) => ir.contracts.flatMap((c) => _contract(paths, c))

export const Layer = { emit } as const
