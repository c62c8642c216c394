/**
 * The plain data a schema becomes in the IR: one `Node` per AST node, keyed by `_tag`, with the checks and
 * decoders found on the encoded side. Types only; `SchemaIr` builds them and `SchemaMarks` annotates them.
 */
export declare namespace SchemaNode {
  type Keyword =
    | "undefined" | "void" | "never" | "unknown" | "any" | "string" | "number" | "boolean" | "bigint" | "symbol" | "object"
  /** A filter decoding applies: comparable through its JSON Schema annotation (`json`), else by `id` only. */
  interface Check {
    readonly id: string
    readonly json?: Readonly<Record<string, unknown>>
    /** It checks the decoded value (a transformation sits below it), not the wire value. */
    readonly onType?: true
  }
  /** Recorded on encoded nodes only: the filters and, innermost first, the fallible transformations decoding runs. */
  interface Marks {
    readonly checks?: ReadonlyArray<Check>
    readonly decode?: ReadonlyArray<string>
  }
  type Node = Marks & (
    | { readonly _tag: "Keyword"; readonly keyword: Keyword }
    | { readonly _tag: "Literal"; readonly literal: string | number | boolean | null }
    | { readonly _tag: "UniqueSymbol"; readonly symbol: string }
    | { readonly _tag: "Enums"; readonly enums: ReadonlyArray<readonly [string, string | number]> }
    | { readonly _tag: "TemplateLiteral"; readonly text: string }
    | {
      readonly _tag: "Declaration"
      readonly id: string
      /** A `Schema.Class`: `params` holds its fields. */
      readonly isClass: boolean
      readonly params: ReadonlyArray<Node>
    }
    | { readonly _tag: "Brand"; readonly brands: ReadonlyArray<string>; readonly from: Node }
    | { readonly _tag: "Refinement"; readonly filter: string; readonly from: Node }
    | {
      readonly _tag: "Tuple"
      readonly elements: ReadonlyArray<{ readonly type: Node; readonly optional: boolean }>
      readonly rest: ReadonlyArray<Node>
    }
    | {
      readonly _tag: "Struct"
      readonly fields: ReadonlyArray<{ readonly name: string; readonly type: Node; readonly optional: boolean; readonly renamedFrom?: string }>
      readonly index: ReadonlyArray<{ readonly key: Node; readonly value: Node }>
    }
    | { readonly _tag: "Union"; readonly members: ReadonlyArray<Node> }
    | { readonly _tag: "Suspend"; readonly ref: string; readonly body: Node }
    | { readonly _tag: "Ref"; readonly ref: string }
  )
}
