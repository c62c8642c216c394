/**
 * Renders a compat result: text for terminals, Markdown for a PR comment, JSON with a stable, documented
 * shape (`version: 1`; fields are only ever added). Each finding shows where it is declared (`file:line`),
 * the slots it affects and, when breaking, the `codegen lock --accept` command that acknowledges it.
 * Pure: returns strings, prints nothing.
 */
import type { Compat } from "./Compat.js"
import type { Lockfile } from "./Lockfile.js"

/** `command`: how to run `codegen lock` for these contracts (default `npx codegen lock`). */
type _Input = Compat.Result & { readonly lockfile: string; readonly command?: string }

/** `s` as one shell word: bare when it is plain, else single-quoted (paths hold `(`, `[`, `<`). */
const quote = (s: string): string => /^[\w./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`

const _command = (r: _Input, findings: ReadonlyArray<Compat.Finding>): string =>
  [r.command ?? "npx codegen lock", ...[...new Set(findings.flatMap((f) => f.affects.map((o) => o.path)))].map((p) => `--accept ${quote(p)}`), `--reason "…"`]
    .join(" ")

/** The command acknowledging a breaking finding in every slot it affects; `undefined` for a warning. */
const accept = (r: _Input, f: Compat.Finding): string | undefined => f.severity !== "breaking" ? undefined : _command(r, [f])

/**
 * One command for every breaking finding, when there are several: `codegen lock` writes nothing while a
 * break is left unaccepted, so the `--accept`s of the findings accepted together go in one run.
 */
const _all = (r: _Input): ReadonlyArray<string> => {
  const breaking = r.findings.filter((f) => f.severity === "breaking")
  return breaking.length < 2 ? [] : [_command(r, breaking)]
}

/** `slot (direction)` per slot the finding affects, in declaration order. */
const _affects = (f: Compat.Finding): ReadonlyArray<string> => [...new Set(f.affects.map((o) => `${o.slot} (${o.direction})`))]

const _at = (f: Compat.Finding): string => `${f.file}:${f.line}`

const _counts = (r: _Input) => ({
  breaking: r.findings.filter((f) => f.severity === "breaking").length,
  warnings: r.findings.filter((f) => f.severity === "warning").length,
  accepted: r.accepted.length,
  unlocked: r.unlocked
})

const _summary = (r: _Input): string => {
  const c = _counts(r)
  return `${c.breaking} breaking, ${c.warnings} warning(s), ${c.accepted} accepted`
}

const _unlockedNote = (r: _Input): ReadonlyArray<string> =>
  r.unlocked === 0 ? [] : [`note: ${r.unlocked} schema slot(s) changed, added or removed since the lockfile; record them with \`npx codegen lock\``]

const text = (r: _Input): string =>
  [
    `codegen compat: ${r.verdict.toUpperCase()}: ${_summary(r)} (against ${r.lockfile})`,
    ...r.findings.flatMap((f) => [
      "",
      `${f.severity.padEnd(8)} ${f.rule}  ${f.path}  (${f.direction})`,
      `  at ${_at(f)}`,
      `  ${f.message}`,
      `  affects: ${_affects(f).join(", ")}`,
      `  why: ${f.why}`,
      `  fix: ${f.fix}`,
      ...(accept(r, f) === undefined ? [] : [`  accept: ${accept(r, f)}`])
    ]),
    ..._all(r).flatMap((c) => ["", `accept all: ${c}`]),
    ...(r.accepted.length === 0 ? [] : ["", ...r.accepted.map((a) => `accepted ${a.rule}  ${a.path}: ${a.message} (reason: ${a.reason})`)]),
    ...(_unlockedNote(r).length === 0 ? [] : ["", ..._unlockedNote(r)])
  ].join("\n")

const _cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ")
const _icon = { breaking: "❌", warning: "⚠️" } as const
const _title = { breaking: "❌ breaking", review: "⚠️ review", compatible: "✅ compatible" } as const

const markdown = (r: _Input): string =>
  [
    `### Contract compatibility: ${_title[r.verdict]}`,
    "",
    `${_summary(r)}, checked by \`codegen compat\` against \`${r.lockfile}\`.`,
    ...(r.findings.length === 0 ? [] : [
      "",
      "| | Rule | Path | Declared at | Affects | Change |",
      "|---|---|---|---|---|---|",
      ...r.findings.map((f) =>
        `| ${_icon[f.severity]} | \`${f.rule}\` | \`${_cell(f.path)}\` | \`${_cell(_at(f))}\` | ${_affects(f).map(_cell).join("<br>")} | ${_cell(f.message)} |`
      ),
      "",
      "<details><summary>Why each finding breaks, and what would make it safe</summary>",
      "",
      ...r.findings.map((f) => `- **\`${f.rule}\`** at \`${f.path}\`: ${_cell(f.why)}.<br>**Safe:** ${_cell(f.fix)}.`),
      "",
      "</details>"
    ]),
    ...(r.findings.every((f) => accept(r, f) === undefined) ? [] : [
      "",
      "To accept a break once nothing depends on the old form, record it with a reason:",
      "",
      "```sh",
      ...r.findings.flatMap((f) => accept(r, f) === undefined ? [] : [`# ${f.rule} at ${f.path}`, accept(r, f)!]),
      ..._all(r).flatMap((c) => ["# all of the above in one run (`codegen lock` writes nothing while a break is left unaccepted)", c]),
      "```"
    ]),
    ...(r.accepted.length === 0 ? [] : [
      "",
      "**Accepted breaks** (acknowledged in the lockfile):",
      "",
      ...r.accepted.map((a: Lockfile.Ack) => `- \`${a.rule}\` at \`${a.path}\`: ${_cell(a.message)}; _${_cell(a.reason)}_`)
    ]),
    ...(_unlockedNote(r).length === 0 ? [] : ["", `_${_unlockedNote(r)[0]}_`]),
    ""
  ].join("\n")

/** The JSON report; its shape is documented in the README and versioned by `version`. */
const json = (r: _Input): string =>
  `${
    JSON.stringify(
      {
        version: 1,
        verdict: r.verdict,
        lockfile: r.lockfile,
        summary: _counts(r),
        findings: r.findings.map((f) => ({
          rule: f.rule,
          severity: f.severity,
          path: f.path,
          slot: f.slot,
          role: f.role,
          direction: f.direction,
          message: f.message,
          why: f.why,
          fix: f.fix,
          file: f.file,
          line: f.line,
          affects: f.affects.map((o) => ({ slot: o.slot, path: o.path, role: o.role, direction: o.direction, file: o.file, line: o.line })),
          accept: accept(r, f) ?? null
        })),
        accepted: r.accepted.map((a) => ({ rule: a.rule, path: a.path, message: a.message, reason: a.reason }))
      },
      null,
      2
    )
  }\n`

export const Report = { text, markdown, json, accept, quote, formats: ["text", "markdown", "json"] as const } as const

export declare namespace Report {
  type Format = typeof Report.formats[number]
}
