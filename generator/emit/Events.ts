/**
 * Emits `<contract>/Events.ts`: each event as a tagged schema `{ _tag, payload }`, their union, and the
 * dedupe key of any event (`<contract>.<Event>/<key>`). Delivery arrives with the events runtime.
 */
import { Printer } from "../Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.filter((c) => c.events.length > 0).map((c) => {
    const { id, path } = Paths.events(paths, c)
    const names = c.events.map((e) => e.name)
    return Printer.print({
      cwd: paths.cwd,
      path,
      kind: "generated",
      source: c.file,
      imports: [
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
        ...Printer.doc([`The events of contract \`${c.name}\`, each tagged with its name.`]),
        `export const ${id} = {`,
        ...names.map((n) => `  ${n}: _${n},`),
        "  /** Any event of this contract. */",
        "  Any: _Any,",
        "  /** The key that deduplicates deliveries of an event: `<contract>.<Event>/<key>`. */",
        `  key: (event: typeof _Any.Type): string =>`,
        `    \`${c.name}.\${event._tag}/\${`,
        "      Match.valueTags(event, {",
        ...names.map((n) => `        ${n}: (e) => _c.${n}.key(e.payload)${n === names[names.length - 1] ? "" : ","}`),
        "      })",
        "    }`",
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
