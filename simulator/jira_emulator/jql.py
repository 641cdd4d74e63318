"""The subset of JQL that an incremental sync needs, and nothing more.

    query  := [condition (AND condition)*] [ORDER BY term ("," term)*]
    condition := project (= | IN) ... | issuekey (= | IN) ... | (created | updated) op date
               | (issuetype | type) (= | IN) ... | parent (= | IN) ...
               | "(" condition (AND condition)* ")"
    term   := (created | updated | key | issuekey | id) [ASC | DESC]

Keywords and field names are case-insensitive; values may be quoted or bare. Dates are
"yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm" or a bare date, read in the account's time zone
as Jira does. Anything else raises `JqlError` (a 400), so a client relying on more JQL
than this finds out in tests rather than in production.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from simulator.model import Issue


class JqlError(ValueError):
    pass


_TOKEN = re.compile(
    r"""\s*(?:(?P<string>"[^"]*"|'[^']*')|(?P<op>>=|<=|!=|=|>|<)|(?P<punct>[(),])|(?P<word>[^\s(),=<>!"']+))"""
)
_DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d")
_COMPARISONS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
_DATE_FIELDS = {"created": "created_at", "updated": "updated_at"}


def _key_order(issue: Issue) -> tuple[str, int]:
    """Jira orders keys by project, then by number (PAY-9 before PAY-10)."""
    project, _, number = issue.key.rpartition("-")
    return project, int(number) if number.isdigit() else 0


_SORT_KEYS: dict[str, Callable[[Issue], object]] = {
    "created": lambda issue: issue.created_at,
    "updated": lambda issue: issue.updated_at,
    "key": _key_order,
    "issuekey": _key_order,
    "id": lambda issue: issue.id,
}


@dataclass(frozen=True)
class JqlQuery:
    conditions: tuple[Callable[[Issue], bool], ...]
    order: tuple[tuple[str, bool], ...]  # (field, descending)
    # Upper-case keys of the only projects that can match (None: any): lets the emulator
    # look at those projects' issues instead of scanning the site.
    projects: frozenset[str] | None = None

    @property
    def is_bounded(self) -> bool:
        """Jira Cloud's search/jql refuses queries without a restriction."""
        return bool(self.conditions)

    def matches(self, issue: Issue) -> bool:
        return all(condition(issue) for condition in self.conditions)

    def sorted(self, issues: list[Issue]) -> list[Issue]:
        """Ordered as asked, ties broken by key then id (stable sorts, last term first)."""
        result = sorted(issues, key=lambda issue: (_key_order(issue), issue.id))
        for name, descending in reversed(self.order):
            result.sort(key=_SORT_KEYS[name], reverse=descending)
        return result


def parse_jql(text: str, time_zone: str) -> JqlQuery:
    return _Parser(_tokens(text), ZoneInfo(time_zone)).query()


def _tokens(text: str) -> list[str]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise JqlError(f"Error in the JQL Query: unexpected character at position {position}.")
        tokens.append(match.group(match.lastgroup))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str], zone: ZoneInfo) -> None:
        self.tokens = tokens
        self.position = 0
        self.zone = zone
        self.projects: frozenset[str] | None = None

    def query(self) -> JqlQuery:
        conditions = []
        if self._peek() and not self._at_keyword("order"):
            conditions.append(self._condition())
            while self._at_keyword("and"):
                self.position += 1
                conditions.append(self._condition())
        order = []
        if self._at_keyword("order"):
            self.position += 1
            self._expect_keyword("by")
            order.append(self._order_term())
            while self._peek() == ",":
                self.position += 1
                order.append(self._order_term())
        if self._peek() is not None:
            raise JqlError(
                f"Unsupported JQL at {self._peek()!r}: the emulator takes conditions joined by "
                "AND, then ORDER BY."
            )
        return JqlQuery(tuple(conditions), tuple(order), self.projects)

    def _condition(self) -> Callable[[Issue], bool]:
        if self._peek() == "(":
            return self._group()
        field = self._next("a field name").lower()
        op = self._next("an operator").lower()
        if field == "project" and op in ("=", "in"):
            projects = frozenset(value.upper() for value in self._values(op))
            self.projects = projects if self.projects is None else self.projects & projects
            return lambda issue: issue.project_key.upper() in projects
        if field in ("issuekey", "key") and op in ("=", "in"):
            keys = {value.upper() for value in self._values(op)}
            return lambda issue: issue.key.upper() in keys or str(issue.id) in keys
        if field in ("issuetype", "type") and op in ("=", "in"):
            types = {value.casefold() for value in self._values(op)}
            return lambda issue: issue.issue_type.casefold() in types
        if field == "parent" and op in ("=", "in"):
            parents = {value.upper() for value in self._values(op)}
            return lambda issue: (issue.parent_key or "").upper() in parents
        if field in _DATE_FIELDS and op in _COMPARISONS:
            bound, compare = self._date(self._value()), _COMPARISONS[op]
            attribute = _DATE_FIELDS[field]
            return lambda issue: compare(getattr(issue, attribute), bound)
        raise JqlError(f"Unsupported JQL condition: {field} {op} (the emulator's JQL subset).")

    def _group(self) -> Callable[[Issue], bool]:
        """A parenthesised group of conditions joined by AND (e.g. a user's own filter)."""
        self.position += 1
        parts = [self._condition()]
        while self._at_keyword("and"):
            self.position += 1
            parts.append(self._condition())
        if self._next("')'") != ")":
            raise JqlError("Error in the JQL Query: expected ')' to close the group.")
        return lambda issue: all(part(issue) for part in parts)

    def _values(self, op: str) -> list[str]:
        if op == "=":
            return [self._value()]
        if self._next("'('") != "(":
            raise JqlError("Error in the JQL Query: expected '(' after IN.")
        values = [self._value()]
        while (token := self._next("',' or ')'")) == ",":
            values.append(self._value())
        if token != ")":
            raise JqlError("Error in the JQL Query: expected ')' to close the list.")
        return values

    def _value(self) -> str:
        token = self._next("a value")
        if token in ("(", ")", ","):
            raise JqlError(f"Error in the JQL Query: expected a value, found {token!r}.")
        return token[1:-1] if token[0] in "\"'" else token

    def _date(self, text: str) -> datetime:
        for pattern in _DATE_FORMATS:
            try:
                return datetime.strptime(text, pattern).replace(tzinfo=self.zone)
            except ValueError:
                continue
        raise JqlError(
            f'Date value \'{text}\' is invalid: use "yyyy-MM-dd HH:mm" or "yyyy/MM/dd HH:mm".'
        )

    def _order_term(self) -> tuple[str, bool]:
        name = self._next("a field to order by").lower()
        if name not in _SORT_KEYS:
            raise JqlError(f"Unsupported JQL: ORDER BY {name} (the emulator's JQL subset).")
        direction = (self._peek() or "").lower()
        if direction in ("asc", "desc"):
            self.position += 1
        return name, direction == "desc"

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _next(self, expected: str) -> str:
        token = self._peek()
        if token is None:
            raise JqlError(f"Error in the JQL Query: expected {expected} at the end of the query.")
        self.position += 1
        return token

    def _at_keyword(self, keyword: str) -> bool:
        token = self._peek()
        return token is not None and token.lower() == keyword

    def _expect_keyword(self, keyword: str) -> None:
        if not self._at_keyword(keyword):
            raise JqlError(f"Error in the JQL Query: expected {keyword.upper()}.")
        self.position += 1
