/**
 * Emits `<contract>/entities/<Entity>.ts`: the entity's messages as `Rpc.make` (persisted ones annotated
 * `ClusterSchema.Persisted`) and its `Entity.make` definition, one file per entity.
 */
import type { Ir } from "../ir/Ir.js"
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"
import { Rpcs } from "./Rpcs.js"

/** `Rpc.make` needs a fields object for a primary key: a Struct or Class payload passes its `.fields`. */
const _payload = (r: Ir.Rpc, source: string): string =>
  r.primaryKey && r.payloadKind === "struct" ? `${source}.payload.fields` : `${source}.payload`

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.flatMap((c) =>
    c.entities.map((e) => {
      const { id, path } = Paths.entity(paths, c, e)
      const src = `${c.pascal}Contract.entities.${e.name}`
      return Common.generated(paths, {
        path,
        source: c.file,
        imports: [
          { from: "@effect/cluster/Entity", namespace: "Entity" },
          { from: "@effect/rpc/Rpc", namespace: "Rpc" },
          ...(e.rpcs.some((r) => r.persisted) ? [{ from: "@effect/cluster/ClusterSchema", namespace: "ClusterSchema" }] : []),
          Common.contractImport(c)
        ],
        body: [
          ...e.rpcs.flatMap((r) => Rpcs.rpcDefinition(r, `${src}.rpcs.${r.name}`, _payload(r, `${src}.rpcs.${r.name}`))),
          ...Printer.doc([e.doc, `Entity \`${e.name}\` of contract \`${c.name}\`; its handlers live in the stub \`${Paths.entityHandlers(paths, c, e).id}\`.`]),
          `export const ${id} = Entity.make(${JSON.stringify(e.name)}, [${e.rpcs.map((r) => `_${r.name}`).join(", ")}])`
        ]
      })
    })
  )

export const Entities = { emit } as const
