/**
 * What a compatibility rule is (buf style: an ID, a one-line purpose, categories) and the sites the
 * walker shows it. Rules only look at the sites they are given; they never walk schemas themselves.
 */
import type { SchemaIr } from "../ir/SchemaIr.js"

/**
 * Directions as a bit set. Backward (1): the current version reads what the previous one wrote (new
 * servers, old clients' payloads). Forward (2): the previous version reads what the current one writes.
 */
const backward = 1 as const
const forward = 2 as const
const both = 3 as const

/** `n` with its marks dropped: two nodes are the same kind of value when their keys are equal. */
const describe = (n: SchemaIr.Node): string => _describe[n._tag](n as never)

const _describe: { readonly [K in SchemaIr.Node["_tag"]]: (n: Extract<SchemaIr.Node, { _tag: K }>) => string } = {
  Keyword: (n) => n.keyword,
  Literal: (n) => JSON.stringify(n.literal),
  UniqueSymbol: (n) => n.symbol,
  Enums: (n) => n.enums.map(([, v]) => JSON.stringify(v)).join(" | "),
  TemplateLiteral: (n) => n.text,
  Declaration: (n) => n.id,
  Brand: (n) => describe(n.from),
  Refinement: (n) => describe(n.from),
  Tuple: (n) => n.elements.length === 0 && n.rest.length === 1 ? "array" : "tuple",
  Struct: (n) => {
    const tag = n.fields.find((f) => f.name === "_tag" && f.type._tag === "Literal")?.type
    return tag?._tag === "Literal" ? String(tag.literal) : n.index.length > 0 && n.fields.length === 0 ? "record" : "struct"
  },
  Union: (n) => n.members.map(describe).join(" | "),
  Suspend: (n) => n.ref,
  Ref: (n) => n.ref
}

/** Which of the three families of union members a member belongs to. */
const family = (n: SchemaIr.Node): "null" | "literal" | "member" =>
  (n._tag === "Literal" && n.literal === null) || (n._tag === "Keyword" && (n.keyword === "undefined" || n.keyword === "void"))
    ? "null"
    : n._tag === "Literal" || n._tag === "UniqueSymbol"
    ? "literal"
    : "member"

/** Build a rule; its `check` table names the sites it looks at. */
const make = (rule: Rule): Rule => rule

/** A hit on one site: the path, the directions it breaks, and what to tell the user. */
const hit = (path: string, breaks: Rule.Dirs, message: string, why: string, fix: string): ReadonlyArray<Rule.Hit> =>
  breaks === 0 ? [] : [{ path, breaks, message, why, fix }]

export interface Rule {
  /** SCREAMING_SNAKE identifier, stable across releases: reports, acknowledgements and docs use it. */
  readonly id: string
  readonly purpose: string
  readonly categories: ReadonlyArray<Rule.Category>
  /** `warning` findings never fail a check: type-side changes, or validation that cannot be compared. */
  readonly severity: "breaking" | "warning"
  readonly check: Rule.Checks
}

export const Rule = { make, hit, describe, family, backward, forward, both } as const

export declare namespace Rule {
  type Dirs = 0 | 1 | 2 | 3
  /** DECLARATION: presence of declarations; WIRE: decoding of encoded values; VALIDATION: filters; TYPE: generated code. */
  type Category = "DECLARATION" | "WIRE" | "VALIDATION" | "TYPE"
  type Node = SchemaIr.Node
  type StructNode = Extract<Node, { _tag: "Struct" }>
  type TupleNode = Extract<Node, { _tag: "Tuple" }>
  type Field = StructNode["fields"][number]
  /** One recorded or current schema slot of a declaration, e.g. `orders.rpcs.GetOrder.payload`. */
  interface Slot {
    readonly path: string
    readonly role: string
    readonly stream: boolean
    readonly encoded: Node
    readonly type: Node
  }
  type Site =
    /**
     * One declaration (an event, RPC, entity message, workflow, a contract's auth): its slots before and now,
     * and every declaration the lockfile records (`recorded`, e.g. `orders.rpcs.GetOrder`), for the rules
     * whose verdict depends on what already existed.
     */
    | {
      readonly _tag: "Declaration"
      readonly path: string
      readonly previous: ReadonlyArray<Slot>
      readonly current: ReadonlyArray<Slot>
      readonly recorded: ReadonlyArray<string>
    }
    /** One schema slot present before and now, whole (the type side is only visible here). */
    | { readonly _tag: "Slot"; readonly path: string; readonly previous: Slot; readonly current: Slot }
    /** What decoding checks at one position: filters and transformations. */
    | { readonly _tag: "Marks"; readonly path: string; readonly previous: SchemaIr.Marks; readonly current: SchemaIr.Marks }
    /** Two structs at one position; `pairs` aligns fields by name or by a declared rename. */
    | {
      readonly _tag: "Struct"
      readonly path: string
      readonly previous: StructNode
      readonly current: StructNode
      readonly pairs: ReadonlyArray<{ readonly previous: Field | undefined; readonly current: Field | undefined }>
    }
    | { readonly _tag: "Tuple"; readonly path: string; readonly previous: TupleNode; readonly current: TupleNode }
    /** Union members (literals, null, structs…) one side has and no member of the other side accepts. */
    | {
      readonly _tag: "Members"
      readonly path: string
      readonly added: ReadonlyArray<Node>
      readonly removed: ReadonlyArray<Node>
      readonly previous: ReadonlyArray<Node>
      readonly current: ReadonlyArray<Node>
    }
    /** Two single values of different kinds; `breaks` is where the reader does not accept the writer. */
    | { readonly _tag: "Mismatch"; readonly path: string; readonly previous: Node; readonly current: Node; readonly breaks: Dirs }
  type Checks = { readonly [K in Site["_tag"]]?: (site: Extract<Site, { _tag: K }>) => ReadonlyArray<Hit> }
  interface Hit {
    readonly path: string
    readonly breaks: Dirs
    /** What changed, e.g. "required field `region` added". */
    readonly message: string
    /** Why it breaks decoding in the directions it breaks. */
    readonly why: string
    /** What would make it safe. */
    readonly fix: string
  }
}
