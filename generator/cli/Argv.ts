/**
 * Reads `codegen`'s arguments against the command table before anything parses them: help and version
 * requests, and unknown commands or flags as one plain line with the nearest valid name. Pure; no I/O.
 */
import { Commands } from "./Commands.js"

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short words. */
const distance = (a: string, b: string): number => {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i === 0 ? j : j === 0 ? i : 0))
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY
  a.split("").forEach((ca, i) =>
    b.split("").forEach((cb, j) => {
      const swap = i > 0 && j > 0 && ca === b[j - 1] && a[i - 1] === cb ? at(i - 1, j - 1) + 1 : Number.POSITIVE_INFINITY
      rows[i + 1]![j + 1] = Math.min(at(i, j + 1) + 1, at(i + 1, j) + 1, at(i, j) + (ca === cb ? 0 : 1), swap)
    })
  )
  return at(a.length, b.length)
}

/** The candidate nearest to `word`, when it is near enough to be a typo (at most a third of its letters). */
const nearest = (word: string, candidates: ReadonlyArray<string>): string | undefined => {
  const scored = candidates.map((c) => ({ c, d: distance(word, c) })).sort((x, y) => x.d - y.d)
  const best = scored[0]
  return best !== undefined && best.d <= Math.max(1, Math.floor(word.length / 3)) ? best.c : undefined
}

const _didYouMean = (word: string, candidates: ReadonlyArray<string>, prefix = ""): string => {
  const near = nearest(word, candidates)
  return near === undefined ? "" : ` Did you mean ${prefix}${near}?`
}

/** The nearest command, or the nearest flag of `generate` (`codegen chek` meant `--check`). */
const _command = (word: string): string => {
  const commands = Commands.all.map((c) => c.name)
  const flags = (Commands.find("generate")?.flags ?? []).map((f) => f.name)
  const near = nearest(word, [...commands, ...flags])
  return near === undefined ? "" : ` Did you mean ${commands.includes(near) ? near : `--${near}`}?`
}

/** What the arguments ask for: help, the version, a run, or a usage error to print as one line. */
const read = (args: ReadonlyArray<string>): Argv.Request => {
  const first = args[0]
  const named = first !== undefined && !first.startsWith("-") ? Commands.find(first) : undefined
  const command = named ?? (first === undefined || first.startsWith("-") ? Commands.find("generate") : undefined)
  const wantsHelp = args.includes("--help") || args.includes("-h")
  const unknownCommand: Argv.Request = {
    _tag: "Error",
    message: `unknown command "${first}".${_command(first ?? "")} Commands: ${Commands.all.map((c) => c.name).join(", ")}.`
  }
  return command === undefined
    ? (wantsHelp ? { _tag: "Help", command: undefined } : unknownCommand)
    : wantsHelp
    ? { _tag: "Help", command: named }
    : args.includes("--version")
    ? { _tag: "Version" }
    : _flags(command, named === undefined ? args : args.slice(1))
}

/** Check the flags and positional arguments of one command. */
const _flags = (command: Commands.Command, rest: ReadonlyArray<string>): Argv.Request => {
  const known = [...command.flags, ...Commands.global]
  const names = known.map((f) => f.name)
  const scan = rest.reduce<{ readonly skip: boolean; readonly positionals: ReadonlyArray<string>; readonly error?: string }>(
    (acc, token) => {
      const flag = token.startsWith("--") ? token.slice(2).split("=")[0]! : undefined
      const spec = known.find((f) => f.name === flag)
      return acc.error !== undefined || acc.skip
        ? { ...acc, skip: false }
        : flag === undefined
        ? token.startsWith("-") && token !== "-"
          ? { ...acc, error: `unknown flag ${token}.${_didYouMean(token.replace(/^-+/, ""), names, "--")}` }
          : { ...acc, positionals: [...acc.positionals, token] }
        : spec === undefined
        ? { ...acc, error: `unknown flag --${flag} for \`codegen ${command.name}\`.${_didYouMean(flag, names, "--")}` }
        : { ...acc, skip: spec.value !== undefined && !token.includes("=") }
    },
    { skip: false, positionals: [] }
  )
  const expected = command.positional === undefined ? 0 : 1
  return scan.error !== undefined
    ? { _tag: "Error", message: scan.error }
    : scan.positionals.length < expected
    ? { _tag: "Error", message: `\`codegen ${command.name}\` needs a <${command.positional}>: ${command.usage}` }
    : scan.positionals.length > expected
    ? { _tag: "Error", message: `unexpected argument "${scan.positionals[expected]}" for \`codegen ${command.name}\`: ${command.usage}` }
    : { _tag: "Run" }
}

export const Argv = { read, nearest, distance } as const

export declare namespace Argv {
  type Request =
    | { readonly _tag: "Help"; readonly command: Commands.Command | undefined }
    | { readonly _tag: "Version" }
    | { readonly _tag: "Run" }
    | { readonly _tag: "Error"; readonly message: string }
}
