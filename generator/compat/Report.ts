/**
 * Renders a compat result: text for terminals, Markdown for a PR comment, JSON with a stable, documented
 * shape (`version: 1`). Pure: returns strings, prints nothing.
 */
import type { Compat } from "./Compat.js"
import type { Lockfile } from "./Lockfile.js"

type _Input = Compat.Result & { readonly lockfile: string }

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
      `  ${f.message}`,
      `  why: ${f.why}`,
      `  fix: ${f.fix}`
    ]),
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
      "| | Rule | Path | Direction | Change |",
      "|---|---|---|---|---|",
      ...r.findings.map((f) => `| ${_icon[f.severity]} | \`${f.rule}\` | \`${f.path}\` | ${f.direction} | ${_cell(f.message)} |`),
      "",
      "<details><summary>Why each finding breaks, and what would make it safe</summary>",
      "",
      ...r.findings.map((f) => `- **\`${f.rule}\`** at \`${f.path}\`: ${_cell(f.why)}.<br>**Safe:** ${_cell(f.fix)}.`),
      "",
      "</details>"
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
          fix: f.fix
        })),
        accepted: r.accepted.map((a) => ({ rule: a.rule, path: a.path, message: a.message, reason: a.reason }))
      },
      null,
      2
    )
  }\n`

export const Report = { text, markdown, json, formats: ["text", "markdown", "json"] as const } as const

export declare namespace Report {
  type Format = typeof Report.formats[number]
}
