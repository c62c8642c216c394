/**
 * What several emitters share: the import of a contract module, doc lines describing schemas, and the
 * options object every emitter receives. Pure helpers; no emitter logic lives here.
 */
import type { Config } from "../Config.js"
import type { Ir } from "../Ir.js"
import type { Printer } from "../Printer.js"
import type { SchemaIr } from "../SchemaIr.js"
import { SchemaRender } from "../SchemaRender.js"

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

export const Common = { contractImport, schemaDoc, rpcDoc, todo } as const

export declare namespace Common {
  /** Every emitter is a pure function of the IR and the resolved paths. */
  type Emitter = (ir: Ir, paths: Config.Resolved) => ReadonlyArray<Printer.File>
}
