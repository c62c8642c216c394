/**
 * Emits `<contract>/webhooks/<Webhook>.ts`: `Webhooks.make` over the contract's payload schema, with the
 * delivery policy declared in the contract written out. Sending, signing and retries are the runtime's.
 */
import type { Ir } from "../../ir/Ir.js"
import { Printer } from "../../print/Printer.js"
import { Common } from "../Common.js"
import { Paths } from "../Paths.js"

const _retry = (r: NonNullable<Ir.Webhook["retry"]>): string => {
  const fields = r.kind === "delays"
    ? [`delays: [${r.delays.map((d) => JSON.stringify(d)).join(", ")}]`]
    : [
      `times: ${r.times}`,
      `base: ${JSON.stringify(r.base)}`,
      ...(r.factor === undefined ? [] : [`factor: ${r.factor}`]),
      ...(r.max === undefined ? [] : [`max: ${JSON.stringify(r.max)}`])
    ]
  return `retry: { ${[...fields, ...(r.jitter === undefined ? [] : [`jitter: ${r.jitter}`])].join(", ")} }`
}

/** The webhook's options as literal lines. */
const _options = (w: Ir.Webhook): ReadonlyArray<string> => [
  ...(w.retry === undefined ? [] : [_retry(w.retry)]),
  ...(w.attemptTimeout === undefined ? [] : [`attemptTimeout: ${JSON.stringify(w.attemptTimeout)}`]),
  ...(w.deadline === undefined ? [] : [`deadline: ${JSON.stringify(w.deadline)}`])
]

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.flatMap((c) =>
    c.webhooks.map((w) => {
      const { id, path } = Paths.webhook(paths, c, w)
      const fields = ["payload: _c.payload", ..._options(w)]
      return Common.generated(paths, {
        path,
        source: c.file,
        imports: [{ from: "effect-contracts/Webhooks", names: ["Webhooks"] }, Common.contractImport(c)],
        body: [
          `const _c = ${c.pascal}Contract.webhooks.${w.name}`,
          "",
          ...Printer.doc([
            w.doc,
            ...(w.doc === undefined ? [] : [""]),
            ...Common.schemaDoc("payload", w.payload),
            `Webhook \`${w.name}\` of contract \`${c.name}\`: \`${id}.send(payload)\` delivers it to every registered endpoint,`,
            "signed (Standard Webhooks), retried with backoff, then dead-lettered."
          ]),
          `export const ${id} = Webhooks.make({`,
          `  name: ${JSON.stringify(`${c.name}.${w.name}`)},`,
          ...fields.map((f, i) => `  ${f}${i === fields.length - 1 ? "" : ","}`),
          "})",
          "",
          `export declare namespace ${id} {`,
          "  type Payload = typeof _c.payload.Type",
          "}"
        ]
      })
    })
  )

export const Webhooks = { emit } as const
