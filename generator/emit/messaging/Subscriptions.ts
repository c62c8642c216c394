/**
 * Emits `<contract>/subscriptions/<Name>.ts`: the subscription's layer, `Events.subscription` over the
 * union of the subscribed events' tagged schemas (from the publisher's generated `Events.ts`), handled
 * by the stub. Thin: delivery, retries and deduplication are the events runtime's.
 */
import { Printer } from "../../print/Printer.js"
import { Common } from "../Common.js"
import { Paths } from "../Paths.js"

const emit: Common.Emitter = (ir, paths) =>
  ir.contracts.flatMap((c) =>
    c.subscriptions.map((s) => {
      const { id, path } = Paths.subscription(paths, c, s)
      const handler = Paths.subscriptionHandler(paths, c, s)
      const publisher = ir.contracts.find((p) => p.name === s.to) ?? { name: s.to, pascal: s.to.charAt(0).toUpperCase() + s.to.slice(1) }
      const events = Paths.events(paths, publisher as typeof c)
      const members = s.events.map((e) => `${events.id}.${e}`)
      return Common.generated(paths, {
        path,
        source: c.file,
        imports: [
          { from: "effect-contracts/Events", names: ["Events"] },
          { from: "effect/Effect", namespace: "Effect", type: true },
          ...(members.length > 1 ? [{ from: "effect/Schema", namespace: "Schema" }] : []),
          { from: events.path, names: [events.id] },
          { from: handler.path, names: [handler.id] }
        ],
        body: [
          ...Printer.doc([`The events subscription \`${s.name}\` receives, each tagged with its name.`]),
          `const _Event = ${members.length > 1 ? `Schema.Union(${members.join(", ")})` : members[0]}`,
          "",
          ...Printer.doc([
            s.doc,
            ...(s.doc === undefined ? [] : [""]),
            `Subscription \`${s.name}\` of contract \`${c.name}\` to ${s.events.map((e) => `\`${e}\``).join(", ")} of contract \`${s.to}\`:`,
            `every such event, from any pod, reaches \`${handler.id}\` (the stub) at least once; a redelivery`,
            "of an event it has handled is dropped. The layer needs `Events.Registry` (`Events.layer`)."
          ]),
          `export const ${id} = Events.subscription({`,
          `  name: ${JSON.stringify(`${c.name}.${s.name}`)},`,
          `  contract: ${JSON.stringify(s.to)},`,
          `  events: [${s.events.map((e) => JSON.stringify(e)).join(", ")}],`,
          "  schema: _Event,",
          `  handle: ${handler.id}`,
          "})",
          "",
          `export declare namespace ${id} {`,
          "  /** Any event this subscription receives. */",
          "  type Event = typeof _Event.Type",
          "  /** The handler the stub implements; `E` and `R` are its errors (retried) and the services it needs. */",
          "  type Handler<E = never, R = never> = (event: Event, delivery: Events.Delivery) => Effect.Effect<void, E, R>",
          "}"
        ]
      })
    })
  )

export const Subscriptions = { emit } as const
