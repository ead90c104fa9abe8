"""Groups the failures of a Schemathesis run by what went wrong.

Reads the NDJSON event log that `st run --report ndjson` writes and prints one block per
kind of failure (check, failure code and the gist of the message), listing the operations
it hit, where in the schema (for schema violations) and one example request with its
answer. Schemathesis prints every failing case in
full; this is the short version to read first.

Usage: python3 failures.py EVENTS.ndjson
"""

from __future__ import annotations

import base64
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Group:
    """Failures that share a check and a gist, across operations."""

    check: str
    code: str
    title: str
    gist: str
    operations: set[str] = field(default_factory=set)
    where: set[str] = field(default_factory=set)
    cases: int = 0
    example: str = ""


def gist_of(failure: dict) -> tuple[str, str | None]:
    """What kind of failure it is, and for schema violations where in the schema."""
    message = failure.get("message") or ""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if not lines:
        return "", None
    schema_at = next((line for line in lines if line.startswith("Schema at ")), None)
    if schema_at:
        return lines[0], schema_at.removeprefix("Schema at ").removesuffix(":")
    return lines[0], None


def example_of(interaction: dict | None) -> str:
    """One request and the start of its answer, on two lines."""
    if not interaction:
        return ""
    request = interaction.get("request") or {}
    response = interaction.get("response") or {}
    body = request.get("body")
    if isinstance(body, dict) and "$base64" in body:
        body = base64.b64decode(body["$base64"]).decode("utf-8", "replace")
    content = response.get("content")
    if isinstance(content, dict) and "$base64" in content:
        content = base64.b64decode(content["$base64"]).decode("utf-8", "replace")
    sent = f"{request.get('method')} {request.get('uri')}"
    if body:
        sent += f" body={shorten(str(body), 160)}"
    got = f"-> {response.get('status_code')} {shorten(str(content or ''), 200)}"
    return f"{sent}\n      {got}"


def shorten(text: str, limit: int) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def collect(path: str) -> dict[tuple[str, str, str], Group]:
    groups: dict[tuple[str, str, str], Group] = {}
    seen_cases: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    with open(path, encoding="utf-8") as events:
        for line in events:
            event = json.loads(line)
            scenario = event.get("ScenarioFinished")
            if not scenario or scenario.get("status") not in ("failure", "error"):
                continue
            recorder = scenario.get("recorder") or {}
            interactions = recorder.get("interactions") or {}
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    if check.get("status") != "failure":
                        continue
                    failure = (check.get("failure_info") or {}).get("failure") or {}
                    gist, where = gist_of(failure)
                    key = (check.get("name", "?"), failure.get("code", "?"), gist)
                    group = groups.get(key)
                    if group is None:
                        group = groups[key] = Group(
                            check=key[0], code=key[1], title=failure.get("title", ""), gist=gist
                        )
                        group.example = example_of(interactions.get(case_id))
                    group.operations.add(failure.get("operation") or recorder.get("label", "?"))
                    if where:
                        group.where.add(where)
                    if case_id not in seen_cases[key]:
                        seen_cases[key].add(case_id)
                        group.cases += 1
    return groups


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    try:
        groups = collect(sys.argv[1])
    except OSError as error:
        print(f"no event log to summarize: {error}")
        return 0
    if not groups:
        print("no failures")
        return 0

    ordered = sorted(groups.values(), key=lambda g: (g.code, -len(g.operations), g.gist))
    print(f"{len(ordered)} kinds of failure:")
    for group in ordered:
        print(f"\n  [{group.code}] {group.check}: {group.title}")
        print(f"    {group.gist}")
        print(f"    {group.cases} cases in {len(group.operations)} operations:")
        for operation in sorted(group.operations):
            print(f"      - {operation}")
        if group.where:
            print("    at:")
            for where in sorted(group.where):
                print(f"      - {where}")
        if group.example:
            print(f"    e.g. {group.example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
