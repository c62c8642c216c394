/**
 * Emits `<contract>/entities/<Entity>.ts`: the entity's messages as `Rpc.make` (persisted ones annotated
 * `ClusterSchema.Persisted`), its `Entity.make` definition and, for an entity with `state`, its state service
 * (`EntityState.make`), one file per entity; messages that do not fit in that file go to part files under
 * `<contract>/entities/<Entity>/`.
 */
import type { Config } from "../Config.js"
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"
import { Rpcs } from "./Rpcs.js"

/** The state service of a stateful entity: its tag, typed by the contract's schema and initial value. */
const _state = (paths: Config.Resolved, c: Ir.Contract, e: Ir.Entity, s: Ir.EntityStateDecl): ReadonlyArray<string> => [
  "",
  ...Printer.doc([
    s.doc,
    `The durable state of entity \`${e.name}\`: \`yield* ${Paths.entityState(paths, c, e).id}\` in its handlers (\`get\`, \`update\`, \`modify\`).`,
    "Stored in SQL per entity id and loaded when an instance starts; a change commits in one transaction with",
    "the events and channel messages it publishes. Compat checks the schema both ways (stored data).",
    "",
    ...Common.schemaDoc("state", s.schema)
  ]),
  `export const ${Paths.entityState(paths, c, e).id} = EntityState.make(${JSON.stringify(e.name)}, ${c.pascal}Contract.entities.${e.name})`
]

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.flatMap((c) =>
    c.entities.flatMap((e) => {
      const { id, path } = Paths.entity(paths, c, e)
      const src = `${c.pascal}Contract.entities.${e.name}.rpcs`
      return Rpcs.group(paths, c, e.rpcs, false, (r) => `${src}.${r.name}`, (n) => Paths.entityPart(paths, c, e, n), ({ body, imports, list }) =>
        Common.generated(paths, {
          path,
          source: c.file,
          imports: [
            { from: "@effect/cluster/Entity", namespace: "Entity" },
            ...imports,
            ...(e.state === undefined ? [] : [{ from: "effect-contracts/EntityState", names: ["EntityState"] }, Common.contractImport(c)])
          ],
          body: [
            ...body,
            ...Printer.doc([e.doc, `Entity \`${e.name}\` of contract \`${c.name}\`; its handlers live in the stub \`${Paths.entityHandlers(paths, c, e).id}\`.`]),
            `export const ${id} = Entity.make(${JSON.stringify(e.name)}, [${list}])`,
            ...(e.state === undefined ? [] : _state(paths, c, e, e.state))
          ]
        }))
    })
  )

export const Entities = { emit } as const
