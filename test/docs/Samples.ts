/**
 * Docs cannot drift from the code: every ```ts block of README.md, ARCHITECTURE.md and docs/*.md is a
 * region of a file that `tsc -p .` compiles (marked `<!-- sample: <file>#<region> -->` on the line before
 * it); ```json blocks parse; ```sh blocks name only npm scripts and codegen commands that exist.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import { fileURLToPath } from "node:url"

/** The repository root (no trailing slash). */
const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "")

/**
 * Pages a test walks through, command by command: their ```ts blocks may be marked
 * `<!-- scaffold: <file in the walked project> -->` instead of naming a sample, because that test writes them.
 */
const walked: Readonly<Record<string, string>> = { "docs/new-service.md": "test/generator/cli/init.test.ts" }

/** Fenced languages that are not code a test could run or compile: sample output, config for other tools. */
const prose = new Set(["text", "yaml", "diff"])

/** The codegen commands a ```sh block may name. */
const commands = new Set(["generate", "init", "lock", "compat", "--check", "--help", "--timings"])

/** One fenced block of a page: its language, first line (1-based), text, and the sample marker before it. */
interface Block {
  readonly page: string
  readonly start: number
  readonly end: number
  readonly line: number
  readonly lang: string
  readonly text: string
  readonly sample: string | undefined
  readonly scaffold: string | undefined
}

const _fence = /^```(\w*)\n([\s\S]*?)^```$/gm
const _marker = /<!-- sample: (\S+) -->\n$/
const _scaffold = /<!-- scaffold: (\S+) -->\n$/

const _blocks = (page: string, source: string): ReadonlyArray<Block> =>
  [...source.matchAll(_fence)].map((m) => ({
    page,
    start: m.index,
    end: m.index + m[0].length,
    line: source.slice(0, m.index).split("\n").length,
    lang: m[1] ?? "",
    text: m[2] ?? "",
    sample: _marker.exec(source.slice(0, m.index))?.[1],
    scaffold: _scaffold.exec(source.slice(0, m.index))?.[1]
  }))

/** The text between `// #region <name>` and the next `// #endregion` of `source`, dedented. */
const region = (source: string, name: string): string | undefined => {
  const lines = source.split("\n")
  const start = lines.findIndex((l) => l.trim() === `// #region ${name}`)
  const end = lines.findIndex((l, i) => i > start && l.trim() === "// #endregion")
  const body = start < 0 || end < 0 ? undefined : lines.slice(start + 1, end)
  const indent = Math.min(...(body ?? []).filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length))
  return body?.map((l) => l.slice(indent)).join("\n").concat("\n")
}

/** The pages checked: the README, ARCHITECTURE.md and every docs/*.md. */
const pages = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const docs = (yield* fs.readDirectory(`${root}/docs`)).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)
  return ["README.md", "ARCHITECTURE.md", ...docs]
})

/** What a block should contain: the sample region it names (`undefined` when the region is missing). */
const _expected = (block: Block) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const [file = "", name = ""] = (block.sample ?? "").split("#")
    const abs = path.resolve(root, path.dirname(block.page), file)
    const exists = yield* fs.exists(abs)
    return exists ? region(yield* fs.readFileString(abs), name) : undefined
  })

/** Problems of one block, as `page:line: message` lines; none when it is fine. */
const _check = (block: Block, scripts: ReadonlySet<string>) =>
  Effect.gen(function*() {
    const at = `${block.page}:${block.line}`
    const expected = block.sample === undefined ? undefined : yield* _expected(block)
    const sh = block.text.split("\n").flatMap((l) => [
      ...[...l.matchAll(/\bnpm run ([\w:-]+)/g)].filter((m) => !scripts.has(m[1] ?? "")).map((m) => `no npm script "${m[1]}"`),
      ...[...l.matchAll(/\bnpx codegen ([\w-]+)/g)].filter((m) => !commands.has(m[1] ?? "")).map((m) => `no codegen command "${m[1]}"`)
    ])
    const json = block.lang === "json" ? _jsonError(block.text) : undefined
    return [
      ...(block.lang === "ts" && block.sample === undefined && block.scaffold === undefined
        ? [`${at}: a ts block needs <!-- sample: file#region --> before it`]
        : []),
      ...(block.scaffold !== undefined && walked[block.page] === undefined ? [`${at}: scaffold blocks belong on pages a test walks through`] : []),
      ...(block.sample !== undefined && expected === undefined ? [`${at}: sample ${block.sample} not found`] : []),
      ...(expected !== undefined && expected !== block.text ? [`${at}: differs from ${block.sample} (npm run docs:samples)`] : []),
      ...(block.lang === "sh" ? sh.map((s) => `${at}: ${s}`) : []),
      ...(json === undefined ? [] : [`${at}: invalid JSON: ${json}`]),
      ...(["ts", "sh", "json", ...prose].includes(block.lang) ? [] : [`${at}: unknown block language "${block.lang}"`])
    ]
  })

const _jsonError = (text: string): string | undefined =>
  Effect.runSync(Effect.try(() => JSON.parse(text)).pipe(Effect.as(undefined), Effect.catchAll((e) => Effect.succeed(String(e.error)))))

/** Every problem of every page. */
const check = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const scripts = new Set(Object.keys(JSON.parse(yield* fs.readFileString(`${root}/package.json`)).scripts as object))
  const all = yield* Effect.forEach(yield* pages, (page) =>
    fs.readFileString(`${root}/${page}`).pipe(
      Effect.flatMap((source) => Effect.forEach(_blocks(page, source), (b) => _check(b, scripts))),
      Effect.map((problems) => problems.flat())
    ))
  return all.flat()
})

/** Rewrite every marked block of every page from its sample region; returns the pages it changed. */
const update = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const changed = yield* Effect.forEach(yield* pages, (page) =>
    Effect.gen(function*() {
      const source = yield* fs.readFileString(`${root}/${page}`)
      const blocks = _blocks(page, source)
      const texts = yield* Effect.forEach(blocks, (b) => b.sample === undefined ? Effect.succeed(undefined) : _expected(b))
      const next = blocks.reduceRight((acc, b, i) => {
        const text = texts[i]
        return text === undefined ? acc : acc.slice(0, b.start) + "```" + b.lang + "\n" + text + "```" + acc.slice(b.end)
      }, source)
      yield* next === source ? Effect.void : fs.writeFileString(`${root}/${page}`, next)
      return next === source ? [] : [page]
    }))
  return changed.flat()
})

export const Samples = { root, region, pages, check, update, walked } as const
