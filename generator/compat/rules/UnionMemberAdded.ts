/**
 * UNION_MEMBER_ADDED: a union gained a member (a new tagged variant, an error, another type). Readers on
 * the previous version cannot decode values of the new member (forward).
 */
import { Rule } from "../Rule.js"

export const UnionMemberAdded = Rule.make({
  id: "UNION_MEMBER_ADDED",
  purpose: "A union (tagged variants, errors, alternatives) gained a member the previous version cannot decode.",
  categories: ["WIRE"],
  severity: "breaking",
  check: {
    Members: (site) => {
      const members = site.added.filter((n) => Rule.family(n) === "member").map(Rule.describe)
      return members.length === 0 ? [] : Rule.hit(
        site.path,
        Rule.forward,
        `member${members.length > 1 ? "s" : ""} ${members.map((m) => `\`${m}\``).join(", ")} added${site.previous.length === 0 ? " (was never)" : ""}`,
        "readers on the previous version do not know the new member and fail to decode it",
        "roll out readers that know the member before any writer produces it; for events and stored messages, add a new declaration"
      )
    }
  }
})
