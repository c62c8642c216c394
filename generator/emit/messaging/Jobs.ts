/**
 * Emits `<contract>/jobs/<Job>.ts`: `Jobs.make` over the contract's payload, success and error schemas,
 * with the options declared in the contract written out, and the handler type its stub implements.
 */
import type { Ir } from "../../ir/Ir.js"
import { Printer } from "../../print/Printer.js"
import { Common } from "../Common.js"
import { Paths } from "../Paths.js"

/** The job's options as literal lines, in the order `Jobs.make` documents them. */
const _options = (j: Ir.Job): ReadonlyArray<string> => [
  ...(j.concurrency === undefined ? [] : [`concurrency: ${JSON.stringify(j.concurrency)}`]),
  ...(j.mailboxCapacity === undefined ? [] : [`mailboxCapacity: ${JSON.stringify(j.mailboxCapacity)}`]),
  ...(j.keepAlive ? ["keepAlive: true"] : []),
  ...(j.retry === undefined ? [] : [`retry: { times: ${j.retry.times} }`]),
  ...(j.partitions === undefined ? [] : [`partitions: ${j.partitions}`]),
  ...(j.maxIdleTime === undefined ? [] : [`maxIdleTime: ${JSON.stringify(j.maxIdleTime)}`])
]

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.flatMap((c) =>
    c.jobs.map((j) => {
      const { id, path } = Paths.job(paths, c, j)
      const handler = Paths.jobHandler(paths, c, j)
      const fields = ["payload: _c.payload", "success: _c.success", "error: _c.error", ..._options(j)]
      return Common.generated(paths, {
        path,
        source: c.file,
        imports: [
          { from: "effect-contracts/Jobs", names: ["Jobs"] },
          { from: "effect/Effect", namespace: "Effect", type: true },
          Common.contractImport(c)
        ],
        body: [
          `const _c = ${c.pascal}Contract.jobs.${j.name}`,
          "",
          ...Printer.doc([
            j.doc,
            ...(j.doc === undefined ? [] : [""]),
            ...Common.schemaDoc("payload", j.payload),
            ...Common.schemaDoc("success", j.success),
            ...(j.error.type._tag === "Keyword" && j.error.type.keyword === "never" ? [] : Common.schemaDoc("error", j.error)),
            `Job \`${j.name}\` of contract \`${c.name}\`: \`${id}.enqueue(payload)\` hands it to the cluster and returns its id,`,
            `\`${id}.run(payload)\` waits for its result. \`${handler.id}\` (the stub) runs it.`
          ]),
          `export const ${id} = Jobs.make({`,
          `  name: ${JSON.stringify(`${c.name}.${j.name}`)},`,
          ...fields.map((f, i) => `  ${f}${i === fields.length - 1 ? "" : ","}`),
          "})",
          "",
          `export declare namespace ${id} {`,
          "  type Payload = typeof _c.payload.Type",
          "  /** The handler the stub implements; `R` is whatever services it needs. */",
          "  type Handler<R = never> = (",
          "    payload: Payload,",
          "    job: Jobs.Context",
          "  ) => Effect.Effect<typeof _c.success.Type, typeof _c.error.Type, R>",
          "}"
        ]
      })
    })
  )

export const Jobs = { emit } as const
