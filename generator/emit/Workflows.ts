/**
 * Emits `<contract>/workflows/<Workflow>.ts`: `Workflow.make` whose payload is `{ input }`, the union of
 * every declared version (newest first, so a newer payload never decodes as an older one).
 */
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.flatMap((c) =>
    c.workflows.map((w) => {
      const { id, path } = Paths.workflow(paths, c, w)
      const versions = w.versions.map((_, i) => `_c.versions[${i}]`).reverse()
      return Common.generated(paths, {
        path,
        source: c.file,
        imports: [
          { from: "@effect/workflow/Workflow", namespace: "Workflow" },
          { from: "@effect/workflow/WorkflowEngine", namespace: "WorkflowEngine", type: true },
          { from: "effect/Effect", namespace: "Effect", type: true },
          { from: "effect/Scope", namespace: "Scope", type: true },
          { from: "effect/Schema", namespace: "Schema" },
          Common.contractImport(c)
        ],
        body: [
          `const _c = ${c.pascal}Contract.workflows.${w.name}`,
          "",
          ...Printer.doc([
            `Every payload version of workflow \`${w.name}\`, newest first.`,
            ...w.versions.map((v, i) => Common.schemaDoc(`v${i + 1}`, v)).reverse().flat()
          ]),
          `const _Input = Schema.Union(${versions.join(", ")})`,
          "",
          ...Printer.doc([
            w.doc,
            ...(w.doc === undefined ? [] : [""]),
            ...Common.schemaDoc("success", w.success),
            `Workflow \`${w.name}\` of contract \`${c.name}\`; start it with \`${id}.execute({ input })\`.`
          ]),
          `export const ${id} = Workflow.make({`,
          `  name: ${JSON.stringify(w.name)},`,
          "  payload: { input: _Input },",
          "  idempotencyKey: ({ input }) => _c.idempotencyKey(input),",
          "  success: _c.success,",
          "  error: _c.error",
          "})",
          "",
          `export declare namespace ${id} {`,
          "  /** The payload of any declared version. */",
          "  type Input = typeof _Input.Type",
          "  /**",
          "   * The handler the stub implements; `R` is whatever services it needs beyond the workflow's own",
          "   * (engine, instance, execution, scope: what `Activity` and compensations use).",
          "   */",
          "  type Handler<R = never> = (",
          "    input: Input,",
          "    executionId: string",
          "  ) => Effect.Effect<",
          "    typeof _c.success.Type,",
          "    typeof _c.error.Type,",
          `    R | WorkflowEngine.WorkflowEngine | WorkflowEngine.WorkflowInstance | Workflow.Execution<${JSON.stringify(w.name)}> | Scope.Scope`,
          "  >",
          "}"
        ]
      })
    })
  )

export const Workflows = { emit } as const
