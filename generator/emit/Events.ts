/**
 * Emits `<contract>/Events.ts`: each event as a tagged schema `{ _tag, payload }`, their union, the event
 * id (`<contract>.<Event>/<key>`) and `publish`, the runtime's outbox publisher for this contract.
 */
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.filter((c) => c.events.length > 0).map((c) => {
    const { id, path } = Paths.events(paths, c)
    const names = c.events.map((e) => e.name)
    return Common.generated(paths, {
      path,
      source: c.file,
      imports: [
        { from: "effect-contracts/Events", names: ["Events"] },
        { from: "effect/Match", namespace: "Match" },
        { from: "effect/Schema", namespace: "Schema" },
        Common.contractImport(c)
      ],
      body: [
        `const _c = ${c.pascal}Contract.events`,
        "",
        ...c.events.flatMap((e) => [
          ...Printer.doc([e.doc, ...(e.doc === undefined ? [] : [""]), ...Common.schemaDoc("payload", e.payload)]),
          `const _${e.name} = Schema.TaggedStruct(${JSON.stringify(e.name)}, { payload: _c.${e.name}.payload })`,
          ""
        ]),
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
  })

export const Events = { emit } as const
