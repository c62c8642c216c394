/**
 * What several emitters share: the frame of an emitted file, the import of a contract module, doc lines
 * describing schemas, and the options object every emitter receives. Pure helpers; no emitter logic lives here.
 */
import type { Config } from "../Config.js"
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import type { SchemaIr } from "../ir/SchemaIr.js"
import { SchemaRender } from "../print/SchemaRender.js"

/** The default import of a contract module, named `<Pascal>Contract`. */
const contractImport = (c: Ir.Contract): Printer.Import => ({ from: c.file, default: `${c.pascal}Contract` })

/** `label: type`, plus `label (wire): encoded` when the wire form differs. */
const schemaDoc = (label: string, s: SchemaIr): ReadonlyArray<string> => {
  const type = SchemaRender.render(s.type)
  const wire = SchemaRender.render(s.encoded)
  return type === wire ? [`${label}: \`${type}\``] : [`${label}: \`${type}\``, `${label} (wire): \`${wire}\``]
}

/** Doc lines of an RPC: the user's comment, then payload / success / error forms. */
const rpcDoc = (r: Ir.Rpc): ReadonlyArray<string> => [
  ...(r.doc === undefined ? [] : [r.doc, ""]),
  ...schemaDoc("payload", r.payload),
  ...schemaDoc(r.stream ? "streams" : "success", r.success),
  ...(r.error.type._tag === "Keyword" && r.error.type.keyword === "never" ? [] : schemaDoc("error", r.error))
]

/** What a stub does until the user implements it: fail loudly, naming the file to edit. */
const todo = (p: Config.Resolved, what: string, file: string): string =>
  JSON.stringify(`not implemented: ${what} (edit ${file.startsWith(p.cwd) ? file.slice(p.cwd.length + 1) : file})`)

/** The frame every emitted file shares: where it goes, which contract (or folder) it comes from, its imports and body. */
const _file = (kind: Printer.Kind) => (paths: Config.Resolved, file: Common.Content): Printer.File =>
  Printer.print({ cwd: paths.cwd, kind, ...file })

/** A generated file: overwritten on every run. */
const generated = _file("generated")

/** A handler stub: written once, never overwritten. */
const stub = _file("stub")

export const Common = { generated, stub, contractImport, schemaDoc, rpcDoc, todo } as const

export declare namespace Common {
  /** Every emitter is a pure function of the IR and the resolved paths. */
  type Emitter = (ir: Ir, paths: Config.Resolved) => ReadonlyArray<Printer.File>
  /** What an emitter decides about one file; the frame (header, working directory) is `generated`'s or `stub`'s. */
  interface Content {
    readonly path: string
    readonly source: string
    readonly imports: ReadonlyArray<Printer.Import>
    readonly body: ReadonlyArray<string>
  }
}
