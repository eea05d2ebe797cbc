"""The guides for the pages: linked from the README and the guides' index, every picture present."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDES = [
    "docs/signing-in.md",
    "docs/participants.md",
    "docs/peer-workers.md",
    "docs/involvement-leads.md",
    "docs/hr.md",
    "docs/line-managers.md",
    "docs/supervisors.md",
]
# The staff roles' guides have one page per part of their work, in docs/guides/ (finance's is one).
ROLE_GUIDES = ["docs/involvement-leads.md", "docs/hr.md", "docs/line-managers.md", "docs/supervisors.md"]
PART_GUIDES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "docs" / "guides").glob("*.md"))


def test_every_picture_a_guide_shows_exists_and_has_words():
    for guide in GUIDES:
        text = (ROOT / guide).read_text()
        pictures = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", text)
        assert pictures, guide
        for words, target in pictures:
            assert words.strip(), f"{guide}: a picture of {target} has no text alternative"
            assert (ROOT / "docs" / target).is_file(), f"{guide}: {target} is missing"


def test_the_readme_links_the_guides_and_its_address_table_starts_with_the_pages():
    readme = (ROOT / "README.md").read_text()
    index = (ROOT / "docs" / "README.md").read_text()
    for guide in GUIDES:
        assert f"({guide})" in readme, guide
        assert f"({Path(guide).name})" in index, guide
    table = readme.split("| what | where |", 1)[1]
    first_row = table.split("\n")[2]
    assert first_row.rstrip().endswith("| http://127.0.0.1:8000/ |")


def test_every_page_a_guide_names_exists():
    from django.urls import Resolver404, resolve

    for guide in GUIDES:
        for path in re.findall(r"`(/[a-z/-]*)`", (ROOT / guide).read_text()):
            try:
                resolve(path)
            except Resolver404:
                raise AssertionError(f"{guide} names {path}, which is no page") from None


def test_every_part_guide_is_linked_its_pictures_exist_and_its_pages_resolve():
    from django.urls import Resolver404, resolve

    role_guides = "\n".join((ROOT / guide).read_text() for guide in ROLE_GUIDES)
    assert len(PART_GUIDES) >= 13, PART_GUIDES
    for guide in PART_GUIDES:
        assert f"({Path(guide).relative_to('docs')})" in role_guides, (
            f"{guide} is not linked from any role's guide"
        )
        text = (ROOT / guide).read_text()
        for words, target in re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", text):
            assert words.strip(), f"{guide}: a picture of {target} has no text alternative"
            assert (ROOT / guide).parent.joinpath(target).resolve().is_file(), f"{guide}: {target} is missing"
        for path in re.findall(r"`(/[a-z/-]*)`", text):
            try:
                resolve(path)
            except Resolver404:
                raise AssertionError(f"{guide} names {path}, which is no page") from None
