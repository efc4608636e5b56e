"""Keeping the translations complete: ``python -m gui.translations update|release|check``.

``update`` runs ``pyside6-lupdate`` over every ``.py`` file under ``core/`` and ``gui/`` and
merges new source strings into ``resources/translations/numnet_<lang>.ts`` (old ones are
dropped, no line numbers are kept, so the file changes only when a string does); a translator
then fills in the new messages (Qt Linguist, ``pyside6-linguist``, or any editor). ``release``
compiles the ``.ts`` into the ``.qm`` the app loads; both files are committed, so a fresh
checkout needs no build step. ``check`` lists what is wrong: strings missing from the ``.ts``,
unfinished or empty translations, placeholders or HTML tags a translation dropped or changed,
a ``.qm`` older than its ``.ts``, and strings shown through a translation call that lupdate
cannot see (an f-string inside the call, a helper such as ``_tr``, ``obj.tr`` on another
object: such a string is never translated). The tests run the same checks.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from core.data import RESOURCES

from . import translation_scan

ROOT = RESOURCES.parent
TRANSLATIONS = RESOURCES / "translations"
LANGUAGES = ("zh_CN",)
SOURCE_DIRS = ("core", "gui")

# {0}, {name}, {0:g}, {k!r}; Qt's %1, %n and a progress bar's %p; HTML tags; an accelerator (&F, not &amp;)
_FIELD = re.compile(r"\{[^{}]*\}")
_QT_ARG = re.compile(r"%(?:n|p|v|m|L?\d+)")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ACCEL = re.compile(r"&(?!&|[A-Za-z]+;|#\d+;)(\w)")


def ts_path(lang: str = "zh_CN") -> Path:
    return TRANSLATIONS / f"numnet_{lang}.ts"


def qm_path(lang: str = "zh_CN") -> Path:
    return TRANSLATIONS / f"numnet_{lang}.qm"


def source_files() -> list[Path]:
    """Every Python file of the app, relative to the repository root, sorted."""
    return sorted(p.relative_to(ROOT) for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py")
                  if "__pycache__" not in p.parts)


def tool(name: str) -> list[str]:
    """The command running PySide6's ``lupdate`` or ``lrelease``: the script beside this
    Python (a venv's bin/ or Scripts/), else PySide6's own entry point through this Python."""
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found:
        return [found]
    return [sys.executable, "-c",
            f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.exit({name}())"]


def _run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(cmd[0]).name} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def update(lang: str = "zh_CN", ts: Path | None = None) -> str:
    """Merge the source's strings into ``ts`` (default: the committed file), with the strings
    passed to translation helpers (see ``gui.translation_scan``); returns lupdate's report."""
    ts = ts_path(lang) if ts is None else Path(ts)
    ts.parent.mkdir(parents=True, exist_ok=True)
    files = source_files()
    with tempfile.TemporaryDirectory() as tmp:
        marks = Path(tmp) / "helper_strings.py"
        marks.write_text(translation_scan.marks_file(translation_scan.helper_strings(ROOT, files)),
                         encoding="utf-8")
        return _run([*tool("lupdate"), *map(str, files), str(marks), "-no-obsolete", "-locations", "none",
                     "-target-language", lang, "-ts", str(ts.resolve())])


def invisible_strings() -> list[str]:
    """Strings shown through a translation call that no lupdate run can find (see
    ``gui.translation_scan``): they stay English whatever the .ts says."""
    return translation_scan.invisible_strings(ROOT, source_files())


def release(lang: str = "zh_CN", ts: Path | None = None, qm: Path | None = None) -> str:
    """Compile ``ts`` into ``qm`` (default: the committed files); returns lrelease's report."""
    ts = ts_path(lang) if ts is None else Path(ts)
    qm = qm_path(lang) if qm is None else Path(qm)
    return _run([*tool("lrelease"), str(ts.resolve()), "-qm", str(qm.resolve())])


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]    # one, or one per plural form
    unfinished: bool


def messages(ts: Path) -> list[Message]:
    """The messages of a ``.ts`` file, in file order."""
    found = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            t = m.find("translation")
            forms = t.findall("numerusform") if t is not None else []
            if forms:
                texts = tuple(f.text or "" for f in forms)
            else:
                texts = ((t.text or "") if t is not None else "",)
            unfinished = t is None or t.get("type") in ("unfinished", "vanished", "obsolete")
            found.append(Message(name, m.findtext("source") or "", texts, unfinished))
    return found


def missing(committed: Path, fresh: Path) -> list[tuple[str, str]]:
    """(context, source) pairs of ``fresh`` (an lupdate run) that ``committed`` lacks."""
    have = {(m.context, m.source) for m in messages(committed)}
    return [(m.context, m.source) for m in messages(fresh) if (m.context, m.source) not in have]


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """Messages without a finished, non-empty translation."""
    return [(m.context, m.source) for m in messages(ts)
            if m.unfinished or not all(t.strip() for t in m.translations)]


def _marks(text: str) -> tuple[Counter, Counter, int]:
    return (Counter(_FIELD.findall(text)) + Counter(_QT_ARG.findall(text)),
            Counter(t.lower() for t in _TAG.findall(text)), len(_ACCEL.findall(text)))


def placeholder_problems(ts: Path) -> list[str]:
    """Translations whose placeholders, HTML tags or accelerator differ from their source's."""
    problems = []
    for m in messages(ts):
        fields, tags, accels = _marks(m.source)
        for text in m.translations:
            if not text:
                continue
            f2, t2, a2 = _marks(text)
            if f2 != fields:
                problems.append(f"{m.context}: {m.source!r}: placeholders {sorted(fields)} -> {sorted(f2)}")
            if t2 != tags:
                problems.append(f"{m.context}: {m.source!r}: HTML tags {sorted(tags)} -> {sorted(t2)}")
            if a2 != accels:
                problems.append(f"{m.context}: {m.source!r}: {accels} accelerator(s) -> {a2}")
    return problems


def qm_is_current(lang: str = "zh_CN", work: Path | None = None) -> bool:
    """Whether the committed ``.qm`` is exactly what lrelease makes of the committed ``.ts``."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(work or tmp) / f"numnet_{lang}.qm"
        release(lang, qm=fresh)
        return qm_path(lang).exists() and fresh.read_bytes() == qm_path(lang).read_bytes()


def check(lang: str = "zh_CN") -> list[str]:
    """Everything that keeps the translation from being complete and current; empty when it is."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts_path(lang).name
        if ts_path(lang).exists():
            shutil.copy(ts_path(lang), fresh)
        update(lang, fresh)
        problems += [f"not in the .ts (run update): {c}: {s!r}" for c, s in missing(ts_path(lang), fresh)]
    problems += [f"untranslated: {c}: {s!r}" for c, s in unfinished(ts_path(lang))]
    problems += placeholder_problems(ts_path(lang))
    if not qm_is_current(lang):
        problems.append(f"{qm_path(lang).name} is not built from {ts_path(lang).name} (run release)")
    problems += [f"lupdate cannot see: {p}" for p in invisible_strings()]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.translations", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["update", "release", "check"])
    parser.add_argument("--lang", choices=LANGUAGES, action="append",
                        help="one language (default: all of %(choices)s)")
    args = parser.parse_args(argv)
    status = 0
    for lang in args.lang or LANGUAGES:
        if args.command == "update":
            print(update(lang).strip())
        elif args.command == "release":
            print(release(lang).strip())
        else:
            problems = check(lang)
            print(*problems, sep="\n")
            done = len(messages(ts_path(lang)))
            print(f"{ts_path(lang).name}: {done} messages, {len(problems)} problem(s)")
            status = status or int(bool(problems))
    return status


if __name__ == "__main__":
    sys.exit(main())
