/**
 * SchemaRender: the type summaries of generated doc comments are TypeScript a reader can paste: quoted keys
 * where an identifier would not parse, declarations by the name they show, long forms cut between tokens.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import ts from "typescript"
import { SchemaIr } from "../../../generator/ir/SchemaIr.js"
import { SchemaRender } from "../../../generator/print/SchemaRender.js"

const _type = (schema: Schema.Schema.Any) => SchemaRender.render(SchemaIr.fromAst(schema.ast).type)
const _wire = (schema: Schema.Schema.Any) => SchemaRender.render(SchemaIr.fromAst(schema.ast).encoded)

/** The syntax errors TypeScript reports for `type T = <text>`. */
const _syntaxErrors = (text: string): ReadonlyArray<string> => {
  const file = ts.createSourceFile("t.ts", `type T = ${text}`, ts.ScriptTarget.ES2022)
  return (file as unknown as { readonly parseDiagnostics: ReadonlyArray<ts.Diagnostic> }).parseDiagnostics.map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, "\n")
  )
}

describe("SchemaRender", () => {
  it("quotes a property name that is not an identifier, and only those", () => {
    const s = Schema.Struct({ "with-dash": Schema.Boolean, plain_1: Schema.String, "2fa": Schema.optional(Schema.Number), "a b": Schema.Null })
    const text = _type(s)
    expect(text).toBe(`{ "with-dash": boolean; plain_1: string; "2fa"?: number | undefined; "a b": null }`)
    expect(_syntaxErrors(text)).toEqual([])
  })

  it("names a declaration by what it shows: Option, Either and friends with their type arguments", () => {
    expect(_type(Schema.Option(Schema.String))).toBe("Option<string>")
    expect(_type(Schema.OptionFromSelf(Schema.Number))).toBe("Option<number>")
    expect(_type(Schema.Either({ left: Schema.String, right: Schema.Number }))).toBe("Either<number, string>")
    expect(_type(Schema.ReadonlyMap({ key: Schema.String, value: Schema.Number }))).toBe("ReadonlyMap<string, number>")
    expect(_type(Schema.HashMap({ key: Schema.String, value: Schema.Int }))).toBe("HashMap<string, number (Int)>")
    expect(_type(Schema.Chunk(Schema.String))).toBe("Chunk<string>")
    expect(_type(Schema.Redacted(Schema.String))).toBe("Redacted<string>")
    expect(_type(Schema.instanceOf(URL))).toBe("URL")
    expect(_type(Schema.Struct({ nick: Schema.Option(Schema.String) }))).toBe("{ nick: Option<string> }")
    // The wire side of an Option is the tagged union it encodes to.
    expect(_wire(Schema.Option(Schema.String))).toBe(`{ _tag: "None" } | { _tag: "Some"; value: string }`)
    const summaries = [Schema.Option(Schema.String), Schema.Either({ left: Schema.String, right: Schema.Number })].map(_type)
    summaries.forEach((text) => expect(text).not.toContain("Declaration"))
    summaries.forEach((text) => expect(_syntaxErrors(text), text).toEqual([]))
  })

  it("shows a declaration that names nothing as unknown, never as `Declaration`", () => {
    expect(_type(Schema.declare((u): u is Blob => u instanceof Blob))).toBe("unknown")
  })

  it("cuts a long form between tokens, never inside a word, and ends it with …", () => {
    const fields = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`someRatherLongFieldName${i}`, Schema.String]))
    const full = SchemaRender.render(SchemaIr.fromAst(Schema.Struct(fields).ast).type)
    expect(full.length).toBeLessThanOrEqual(160)
    expect(full.endsWith(" …")).toBe(true)
    const kept = full.slice(0, -2)
    const whole = `{ ${Object.keys(fields).map((k) => `${k}: string`).join("; ")} }`
    expect(whole.startsWith(kept)).toBe(true)
    expect(whole.charAt(kept.length)).toBe(" ")
    expect(kept.split(/[\s;:{]+/).filter((w) => w !== "").every((w) => w === "string" || w in fields)).toBe(true)
  })

  it("keeps a form of 160 characters or fewer whole", () => {
    const text = _type(Schema.Struct({ a: Schema.String, b: Schema.Number }))
    expect(text).toBe("{ a: string; b: number }")
  })
})
