/**
 * V8 `.cpuprofile` files → self time by bucket (Effect runtime, Schema, @effect/rpc + msgpack, @effect/sql +
 * pg, our ClusterStorage, …) and the top functions. Builtins (JSON, Map, RegExp) count for their JS caller.
 * CLI: `node --import tsx test/bench/_profileSummary.ts <messages> <file.cpuprofile>…` prints the table.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const _Profile = Schema.parseJson(Schema.Struct({
  nodes: Schema.Array(Schema.Struct({
    id: Schema.Number,
    callFrame: Schema.Struct({ functionName: Schema.String, url: Schema.String, lineNumber: Schema.Number }),
    children: Schema.optional(Schema.Array(Schema.Number))
  })),
  samples: Schema.Array(Schema.Number),
  timeDeltas: Schema.Array(Schema.Number)
}))
type _Profile = typeof _Profile.Type

/** First match wins. Builtins (no URL) take their caller's bucket; Node's own frames are split by caller. */
const _rules: ReadonlyArray<readonly [string, RegExp]> = [
  ["our ClusterStorage (rows, SQL text)", /\/runtime\/ClusterStorage/],
  ["@effect/cluster: Sharding (send, storage read loop)", /@effect\/cluster\/dist\/.*\/Sharding\.js/],
  ["@effect/cluster: entity manager + mailbox", /@effect\/cluster\/dist\/.*(entityManager|EntityManager|Entity)\.js/],
  ["@effect/cluster: MessageStorage, Message, Reply", /@effect\/cluster\/dist\/.*(MessageStorage|Message|Reply|Envelope)\.js/],
  ["@effect/cluster: other (runners, snowflake, …)", /@effect\/cluster\//],
  ["@effect/rpc + msgpack (runner protocol)", /@effect\/rpc\/|msgpackr/],
  ["@effect/sql (statements, client)", /@effect\/sql(-pg)?\//],
  ["pg driver (protocol, types)", /node_modules\/(pg|pg-[a-z-]+|postgres-[a-z-]+|pgpass)\//],
  ["Schema encode/decode", /effect\/dist\/.*\/(Schema|SchemaAST|ParseResult|schema\/[^/]+)\.js/],
  ["Effect runtime: fibers, scheduler, core", /effect\/dist\/.*\/(fiberRuntime|core|core-effect|Scheduler|scheduler|runtime|fiberRefs|runtimeFlags|effectable|pipeable|Effect|Function|Utils|cause|fiberScope|fiberMessage)\.js/],
  ["Effect: other modules (Hash, Context, Layer, …)", /effect\/dist\//],
  ["@effect/platform (runner sockets, HTTP)", /@effect\/platform/],
  ["app handlers + bench driver", /\/test\/cluster\/app\//],
  ["other JS", /./]
]

const _special = new Map([
  ["(garbage collector)", "GC"],
  ["(program)", "V8 native (program: compile, ICs, …)"],
  ["(root)", "V8 native (program: compile, ICs, …)"],
  ["(idle)", "(idle)"]
])

const _bucketOf = (url: string) => _rules.find(([, re]) => re.test(url))?.[0] ?? "other JS"

/** Node's frames (sockets, streams, timers) by the library that called them; none: the event loop's reads. */
const _node = (caller: string | undefined) =>
  caller === undefined
    ? "Node: event loop (socket reads, timers)"
    : /pg driver|@effect\/sql/.test(caller)
    ? "Node: socket writes for pg (syscalls)"
    : /@effect\/platform|@effect\/rpc/.test(caller)
    ? "Node: socket writes for runner RPC (syscalls)"
    : "Node: other calls"

/** Self microseconds per node: the interval after a sample belongs to it. */
const _selfUs = (p: _Profile) => {
  const self = new Map<number, number>()
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i + 1] ?? 0)))
  return self
}

/** Buckets and function totals (µs) of one profile, added into `acc`. */
const _add = (acc: ProfileSummary.Acc, p: _Profile) => {
  const parent = new Map<number, number>()
  p.nodes.forEach((n) => (n.children ?? []).forEach((c) => parent.set(c, n.id)))
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  /** The nearest frame (this one or an ancestor) with a URL outside Node: its bucket. */
  const caller = (id: number | undefined): string | undefined => {
    const url = id === undefined ? undefined : byId.get(id)?.callFrame.url
    return id === undefined || url === undefined
      ? undefined
      : url !== "" && !url.startsWith("node:")
      ? _bucketOf(url)
      : caller(parent.get(id))
  }
  const memo = new Map<number, string>()
  const bucket = (id: number): string => {
    const known = memo.get(id)
    if (known !== undefined) return known
    const n = byId.get(id)
    const url = n?.callFrame.url ?? ""
    const up = parent.get(id)
    const b = _special.get(n?.callFrame.functionName ?? "") ??
      (url.startsWith("node:") ? _node(caller(up)) : url !== "" ? _bucketOf(url) : up === undefined ? "other JS" : bucket(up))
    memo.set(id, b)
    return b
  }
  _selfUs(p).forEach((us, id) => {
    const n = byId.get(id)
    const b = bucket(id)
    acc.buckets.set(b, (acc.buckets.get(b) ?? 0) + us)
    const fn = `${n?.callFrame.functionName || "(anonymous)"} ${(n?.callFrame.url ?? "").replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/main\//, "")}:${(n?.callFrame.lineNumber ?? 0) + 1}`
    acc.functions.set(fn, (acc.functions.get(fn) ?? 0) + us)
  })
  return acc
}

/** Read and summarise profiles (one per pod); CPU excludes `(idle)`. */
const summarise = (paths: ReadonlyArray<string>) =>
  Effect.flatMap(FileSystem.FileSystem, (fs) =>
    Effect.forEach(paths, (path) => fs.readFileString(path).pipe(Effect.flatMap(Schema.decodeUnknown(_Profile))))).pipe(
      Effect.map((profiles) => {
        const acc = profiles.reduce(_add, { buckets: new Map<string, number>(), functions: new Map<string, number>() })
        const idleUs = acc.buckets.get("(idle)") ?? 0
        acc.buckets.delete("(idle)")
        const cpuUs = [...acc.buckets.values()].reduce((a, b) => a + b, 0)
        const summary: ProfileSummary = { cpuUs, idleUs, buckets: acc.buckets, functions: acc.functions }
        return summary
      })
    )

const _pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length))
const _lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s)

const _syscall = (bucket: string) => bucket.startsWith("Node: socket writes")

/**
 * The estimate per message: samples are wall-clock, so a pod preempted right after a socket write (which
 * wakes PostgreSQL or the other pod on the same cores) is sampled inside the write. Measured kernel time is
 * split over the socket-write rows, measured user time over the others, each by their share of samples.
 */
const _estimate = (s: ProfileSummary, cpu: ProfileSummary.Cpu) => {
  const sys = [...s.buckets].filter(([b]) => _syscall(b)).reduce((a, [, us]) => a + us, 0)
  const user = s.cpuUs - sys
  return (bucket: string, us: number) =>
    bucket === "total"
      ? cpu.userMsPerMsg + cpu.kernelMsPerMsg
      : _syscall(bucket)
      ? (cpu.kernelMsPerMsg * us) / Math.max(sys, 1)
      : (cpu.userMsPerMsg * us) / Math.max(user, 1)
}

/**
 * The table: bucket, sampled ms, share of samples and ms per message — estimated from measured CPU
 * (`_estimate`) when `cpu` is given, else sampled time per message. Then the `top` hottest functions.
 */
const lines = (s: ProfileSummary, messages: number, cpu?: ProfileSummary.Cpu, top = 15): ReadonlyArray<string> => {
  const estimate = cpu === undefined ? undefined : _estimate(s, cpu)
  const perMsg = (name: string, us: number) => (estimate === undefined ? us / 1000 / messages : estimate(name, us))
  const row = (name: string, us: number) =>
    `| ${_pad(name, 52)} | ${_lpad((us / 1000).toFixed(0), 7)} | ${_lpad(((100 * us) / s.cpuUs).toFixed(1), 5)} % | ` +
    `${_lpad(perMsg(name, us).toFixed(3), 6)} |`
  const sorted = [...s.buckets.entries()].sort((a, b) => b[1] - a[1])
  const fns = [...s.functions.entries()].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top)
  return [
    `| ${_pad("bucket (self time)", 52)} | ${_lpad("sampled", 7)} | ${_lpad("share", 7)} | ms/msg |`,
    `|${"-".repeat(54)}|${"-".repeat(9)}|${"-".repeat(9)}|${"-".repeat(8)}|`,
    ...sorted.map(([name, us]) => row(name, us)),
    row("total", s.cpuUs),
    `(${messages} messages; idle samples ${(s.idleUs / 1000).toFixed(0)} ms; ms/msg ` +
    `${cpu === undefined ? "= sampled time" : "= measured user CPU by share of the other rows, kernel CPU by share of the socket-write rows"})`,
    "",
    `top ${top} functions by self time:`,
    ...fns.map(([name, us]) => `  ${_lpad(((100 * us) / s.cpuUs).toFixed(1), 5)} %  ${name}`)
  ]
}

export const ProfileSummary = { summarise, lines } as const

export interface ProfileSummary {
  readonly cpuUs: number
  readonly idleUs: number
  readonly buckets: ReadonlyMap<string, number>
  readonly functions: ReadonlyMap<string, number>
}

export declare namespace ProfileSummary {
  /** Measured pod CPU per message (from /proc), user and kernel. */
  interface Cpu {
    readonly userMsPerMsg: number
    readonly kernelMsPerMsg: number
  }
  interface Acc {
    readonly buckets: Map<string, number>
    readonly functions: Map<string, number>
  }
}

if (process.argv[1]?.endsWith("_profileSummary.ts")) {
  const [messages, ...paths] = process.argv.slice(2)
  summarise(paths).pipe(
    Effect.flatMap((s) => Console.log(lines(s, Number(messages)).join("\n"))),
    Effect.provide(NodeContext.layer),
    NodeRuntime.runMain
  )
}
