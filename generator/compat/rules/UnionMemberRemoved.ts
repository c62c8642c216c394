/**
 * UNION_MEMBER_REMOVED: a union lost a member. Data the previous version wrote may be of that member,
 * and the current version cannot decode it (backward).
 */
import { Rule } from "../Rule.js"

export const UnionMemberRemoved = Rule.make({
  id: "UNION_MEMBER_REMOVED",
  purpose: "A union lost a member that data written by the previous version may be.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Members: (site) => {
      const members = site.removed.filter((n) => Rule.family(n) === "member").map(Rule.describe)
      return members.length === 0 ? [] : Rule.hit(
        site.path,
        Rule.backward,
        `member${members.length > 1 ? "s" : ""} ${members.map((m) => `\`${m}\``).join(", ")} removed`,
        "data written by the previous version may be of the removed member, which the current version cannot decode",
        "keep decoding the member until no stored data or old writer produces it; stop producing it first"
      )
    }
  }
})
