/**
 * Emits `<contract>/entities/<Entity>.ts`: the entity's messages as `Rpc.make` (persisted ones annotated
 * `ClusterSchema.Persisted`) and its `Entity.make` definition, one file per entity; messages that do not
 * fit in that file go to part files under `<contract>/entities/<Entity>/`.
 */
import { Printer } from "../print/Printer.js"
import { Common } from "./Common.js"
import { Paths } from "./Paths.js"
import { Rpcs } from "./Rpcs.js"

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.flatMap((c) =>
    c.entities.flatMap((e) => {
      const { id, path } = Paths.entity(paths, c, e)
      const src = `${c.pascal}Contract.entities.${e.name}.rpcs`
      return Rpcs.group(paths, c, e.rpcs, false, (r) => `${src}.${r.name}`, (n) => Paths.entityPart(paths, c, e, n), ({ body, imports, list }) =>
        Common.generated(paths, {
          path,
          source: c.file,
          imports: [{ from: "@effect/cluster/Entity", namespace: "Entity" }, ...imports],
          body: [
            ...body,
            ...Printer.doc([e.doc, `Entity \`${e.name}\` of contract \`${c.name}\`; its handlers live in the stub \`${Paths.entityHandlers(paths, c, e).id}\`.`]),
            `export const ${id} = Entity.make(${JSON.stringify(e.name)}, [${list}])`
          ]
        }))
    })
  )

export const Entities = { emit } as const
