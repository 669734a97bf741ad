"""What the package index gets: the wheel holds the package with ``py.typed`` and nothing
from ``tests/``; the metadata has the URLs, keywords, valid classifiers and the extras."""

from __future__ import annotations

import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

from trove_classifiers import classifiers as known_classifiers

dist = Path(sys.argv[1])
(wheel,) = dist.glob("eagerlite-*.whl")
(sdist,) = dist.glob("eagerlite-*.tar.gz")
names = zipfile.ZipFile(wheel).namelist()
assert "eagerlite/py.typed" in names, "the wheel lacks eagerlite/py.typed"
meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
tops = {n.split("/")[0] for n in names}
assert tops == {"eagerlite", meta_name.split("/")[0]}, f"the wheel holds more: {tops}"
assert not [n for n in names if "tests/" in n or "conftest" in n], "the wheel holds tests"
meta = Parser().parsestr(zipfile.ZipFile(wheel).read(meta_name).decode())
urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
assert {"Homepage", "Documentation", "Repository", "Issues", "Changelog"} <= set(urls), urls
assert meta["Keywords"], "no keywords"
classifiers = meta.get_all("Classifier") or []
unknown = [c for c in classifiers if c not in known_classifiers]
assert not unknown, f"not trove classifiers: {unknown}"
assert "Typing :: Typed" in classifiers
extras = set(meta.get_all("Provides-Extra") or [])
assert {"torch", "tensorflow", "jax", "all", "docs"} <= extras, extras
assert meta["License-Expression"] == "MIT" and any(n.endswith("LICENSE") for n in names)
with tarfile.open(sdist) as tar:
    members = {m.name.split("/", 1)[-1] for m in tar.getmembers()}
assert {"CHANGELOG.md", "LICENSE", "README.md", "eagerlite/py.typed"} <= members, members
print(f"{wheel.name}: {len(names)} files, py.typed, no tests; {len(classifiers)} classifiers")
print(f"{sdist.name}: {len(members)} files")
