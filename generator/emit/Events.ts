/**
 * Emits `<contract>/Events.ts`: each event as a tagged schema `{ _tag, payload }`, their union, the event
 * id (`<contract>.<Event>/<key>`) and `publish`, the runtime's outbox publisher for this contract. Tagged
 * schemas that do not fit beside them go to part files under `<contract>/events/`.
 */
import type { Config } from "../Config.js"
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

/** One event's doc and tagged schema, read from `_c` (the contract's events). */
const _definition = (e: Ir.Event): ReadonlyArray<string> => [
  ...Printer.doc([e.doc, ...(e.doc === undefined ? [] : [""]), ...Common.schemaDoc("payload", e.payload)]),
  `const _${e.name} = Schema.TaggedStruct(${JSON.stringify(e.name)}, { payload: _c.${e.name}.payload })`,
  ""
]

const _imports = (c: Ir.Contract): ReadonlyArray<Printer.Import> => [{ from: "effect/Schema", namespace: "Schema" }, Common.contractImport(c)]

/** Events whose definitions do not fit beside the module go to part files, each exporting its tagged schemas. */
const _parts = (paths: Config.Resolved, c: Ir.Contract, defs: ReadonlyArray<ReadonlyArray<string>>) => {
  const runs = Printer.pack(defs, Printer.maxLines - 16)
  return runs.map((run, i) => {
    const target = Paths.eventsPart(paths, c, i + 1)
    const mine = c.events.filter((_, j) => run.includes(defs[j]!))
    const file = Common.generated(paths, {
      path: target.path,
      source: c.file,
      imports: _imports(c),
      body: [
        `const _c = ${c.pascal}Contract.events`,
        "",
        ...run.flat(),
        ...Printer.doc([`Part ${i + 1} of ${runs.length} of \`${Paths.events(paths, c).id}\`: ${mine.map((e) => `\`${e.name}\``).join(", ")}.`]),
        `export const ${target.id} = { ${mine.map((e) => `${e.name}: _${e.name}`).join(", ")} } as const`
      ]
    })
    return { target, file, line: `const { ${mine.map((e) => `${e.name}: _${e.name}`).join(", ")} } = ${target.id}` }
  })
}

const _module = (paths: Config.Resolved, c: Ir.Contract, split: boolean): ReadonlyArray<Printer.File> => {
  const { id, path } = Paths.events(paths, c)
  const names = c.events.map((e) => e.name)
  const defs = c.events.map(_definition)
  const parts = split ? _parts(paths, c, defs) : []
  const main = Common.generated(paths, {
    path,
    source: c.file,
    imports: [
      { from: "effect-contracts/Events", names: ["Events"] },
      { from: "effect/Match", namespace: "Match" },
      ..._imports(c),
      ...parts.map((p) => ({ from: p.target.path, names: [p.target.id] }))
    ],
    body: [
      `const _c = ${c.pascal}Contract.events`,
      "",
      ...(split ? [...parts.map((p) => p.line), ""] : defs.flat()),
      `const _Any = Schema.Union(${names.map((n) => `_${n}`).join(", ")})`,
      "",
      "const _key = (event: typeof _Any.Type): string =>",
      `  \`${c.name}.\${event._tag}/\${`,
      "    Match.valueTags(event, {",
      ...names.map((n) => `      ${n}: (e) => _c.${n}.key(e.payload)${n === names[names.length - 1] ? "" : ","}`),
      "    })",
      "  }`",
      "",
      ...Printer.doc([`The events of contract \`${c.name}\`, each tagged with its name.`]),
      `export const ${id} = {`,
      ...names.map((n) => `  ${n}: _${n},`),
      "  /** Any event of this contract. */",
      "  Any: _Any,",
      "  /** The event's id, which deduplicates its deliveries: `<contract>.<Event>/<key>`. */",
      "  key: _key,",
      "  /**",
      "   * Publish one event or several in the caller's SQL transaction: written to the outbox, delivered to",
      "   * every subscription after the commit, nothing on rollback. A payload that does not encode fails here.",
      "   */",
      `  publish: Events.publisher({ contract: ${JSON.stringify(c.name)}, schema: _Any, key: _key })`,
      "} as const",
      "",
      `export declare namespace ${id} {`,
      ...names.map((n) => `  type ${n} = typeof _${n}.Type`),
      "  type Any = typeof _Any.Type",
      "}"
    ]
  })
  return [main, ...parts.map((p) => p.file)]
}

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.filter((c) => c.events.length > 0).flatMap((c) => {
    const whole = _module(paths, c, false)
    return whole.every((f) => Printer.lines(f) <= Printer.maxLines) ? whole : _module(paths, c, true)
  })

export const Events = { emit } as const
