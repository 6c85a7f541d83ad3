"""Shared helpers for the report tests: a strict HTML checker and hubs with consent set."""

from __future__ import annotations

import base64
import re
from collections import Counter
from html.parser import HTMLParser

import coinnovation as co
from coinnovation.models import Consent, Hub, Person
from tests.conftest import EXAMPLE

SECRET = "a secret of sixteen+ characters for the tests"

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}

#: People of the example hub given each consent by :func:`consenting_hub`.
NAMED = "p-001"
EXCLUDED = "p-084"  # a party to agreement ag-01


class Page(HTMLParser):
    """Parse a page, recording tags, ids, attributes, text and every nesting error."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: Counter[str] = Counter()
        self.ids: Counter[str] = Counter()
        self.attributes: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.depths: dict[str, list[int]] = {}
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        values = dict(attrs)
        self.attributes.append((tag, values))
        if values.get("id"):
            self.ids[str(values["id"])] += 1
        self.depths.setdefault(tag, []).append(self.stack.count("ul"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def by_id(self, key: str) -> dict[str, str | None]:
        return next(values for _, values in self.attributes if values.get("id") == key)

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [
            values
            for name, values in self.attributes
            if name == tag and all(values.get(k) == v for k, v in wanted.items())
        ]


def picture_bytes(html: str) -> bytes:
    found = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert found is not None, "no embedded PNG"
    return base64.b64decode(found[1], validate=True)


def without_picture(html: str) -> str:
    return re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:", html)


def example() -> Hub:
    return co.load(EXAMPLE)


def with_consent(hub: Hub, consent: dict[str, Consent]) -> Hub:
    changed = [
        Person.model_validate({**hub.person(pid).model_dump(), "consent": value})
        for pid, value in consent.items()
    ]
    return hub.replace(*changed)


def consenting_hub() -> Hub:
    """The example hub with one person named and one excluded; the rest pseudonymous."""
    return with_consent(example(), {NAMED: Consent.NAMED, EXCLUDED: Consent.EXCLUDED})
