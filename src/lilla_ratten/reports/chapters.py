"""A report's free chapters (``[[chapters]]``, issue 29), placed into a built document.

The host places them after a form is built — the final report's every layout (a third
party's too, ``layouts.build``), the plan and the directive — so a form knows nothing of
chapters and every format gets them through the document model, with no code of its own.

Where a chapter goes: right after the whole section its ``after`` names (the section's own
text and all its sub-sections), after the chapters already placed there, in file order. Its
heading's depth is its ``level``, else that of the section it follows. A heading the form left
out (nothing under it) is found in the form's outline (``model/outlines.py``): the chapter goes
where it would have been. No ``after``, or one naming nothing in the document or its outline:
at the end, before the form's closing blocks (signatures, approval, the receiver's block).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from lilla_ratten.model import Chapter, Project
from lilla_ratten.model.document import Document, Section, prose
from lilla_ratten.model.outlines import FORMS, TAIL, Heading

SOURCE = "chapter"  # the chapters' ``Section.source``: JSON readers can tell them from the form's


@attrs.define
class _Node:
    """A section in reading order: its depth, and itself without its sub-sections."""

    depth: int
    section: Section
    chapter: bool = False


def _flatten(sections: Sequence[Section], depth: int = 1) -> list[_Node]:
    out: list[_Node] = []
    for s in sections:
        out.append(_Node(depth, attrs.evolve(s, sections=[]), s.source == SOURCE))
        out.extend(_flatten(s.sections, depth + 1))
    return out


def _tree(nodes: list[_Node]) -> list[Section]:
    """The sections again from reading order: each one under the nearest shallower one before it."""
    top: list[Section] = []
    stack: list[tuple[int, Section]] = []
    for node in nodes:
        s = attrs.evolve(node.section, sections=[])
        while stack and stack[-1][0] >= node.depth:
            stack.pop()
        (stack[-1][1].sections if stack else top).append(s)
        stack.append((node.depth, s))
    return top


def _end_of(nodes: list[_Node], i: int) -> int:
    """The index after the section at ``i`` and everything under it."""
    j = i + 1
    while j < len(nodes) and nodes[j].depth > nodes[i].depth:
        j += 1
    return j


def chapter_section(chapter: Chapter) -> Section:
    """A chapter as a section: its text is prose like any of the file's, never markup."""
    return Section(chapter.id, chapter.title, prose(chapter.text), [], {"chapter": True}, SOURCE)


def _anchor(nodes: list[_Node], outline: Sequence[Heading], after: str) -> tuple[int, int, bool] | None:
    """What ``after`` names in ``nodes``: (index, depth, whether the chapter opens that section).

    A heading the form left out is looked up in the outline: the chapter goes after the printed
    section just before it there, at the heading's depth — as the first sub-section of that
    section when it is the left-out heading's parent."""
    at = {n.section.id: i for i, n in enumerate(nodes)}
    if after in at:
        return at[after], nodes[at[after]].depth, False
    ids = [h.id for h in outline]
    if after not in ids:
        return None
    wanted = outline[ids.index(after)].level
    for h in reversed(outline[: ids.index(after)]):
        if h.id in at:
            i = at[h.id]
            return i, wanted, nodes[i].depth < wanted
    return -1, wanted, False


def _position(nodes: list[_Node], anchor: tuple[int, int, bool], level: int | None) -> tuple[int, int]:
    """Where a chapter following ``anchor`` goes, and its depth."""
    i, depth, opens = anchor
    if i < 0:
        pos, depth = 0, 1
    elif opens and (level is None or level > nodes[i].depth):
        pos, depth = i + 1, nodes[i].depth + 1
    else:
        depth = level or depth
        here = nodes[i].depth
        if depth > here:  # a sub-heading of what it follows, after its own sub-headings
            depth = here + 1
        else:  # a sibling of what it follows, or of the ancestor at its depth
            while nodes[i].depth > depth:
                i = max(k for k in range(i) if nodes[k].depth < nodes[i].depth)
        pos = _end_of(nodes, i)
    # after the chapters placed there before it: chapters keep their file order
    while pos < len(nodes) and nodes[pos].chapter and nodes[pos].depth >= depth:
        pos += 1
    return pos, depth


def _at_end(nodes: list[_Node], tail: Sequence[str], level: int | None) -> tuple[int, int]:
    pos = next((i for i, n in enumerate(nodes) if n.depth == 1 and n.section.id in tail), len(nodes))
    before = nodes[pos - 1].depth if pos > 0 else 0
    return pos, max(1, min(level or 1, before + 1))


def place(doc: Document, chapters: Sequence[Chapter], form: str | None) -> Document:
    """``doc`` with ``chapters`` (those of its report, in file order) among its sections."""
    if not chapters:
        return doc
    outline = FORMS.get(form or "", ())
    tail = TAIL.get(form or "", ())
    nodes = _flatten(doc.sections)
    waiting = list(chapters)
    while waiting:  # a chapter after a chapter written later waits for it
        placed = False
        for chapter in list(waiting):
            after = chapter.after or ""
            if after and after != chapter.id and any(c.id == after for c in waiting):
                continue
            anchor = _anchor(nodes, outline, after) if after and after != chapter.id else None
            pos, depth = _position(nodes, anchor, chapter.level) if anchor else _at_end(nodes, tail, chapter.level)
            nodes.insert(pos, _Node(depth, chapter_section(chapter), True))
            waiting.remove(chapter)
            placed = True
        if not placed:  # chapters after each other in a circle: at the end, in file order
            for chapter in waiting:
                pos, depth = _at_end(nodes, tail, chapter.level)
                nodes.insert(pos, _Node(depth, chapter_section(chapter), True))
            break
    data = {**doc.data, "chapters": [c.id for c in chapters]}
    return Document(doc.kind, doc.title, doc.facts, _tree(nodes), data)


def of_report(project: Project, report: str) -> list[Chapter]:
    return [c for c in project.chapters if c.report == report]


def with_chapters(doc: Document, project: Project, report: str, form: str | None) -> Document:
    """``doc`` (``report``: final, plan or directive, built in ``form``) with the project's chapters for it."""
    return place(doc, of_report(project, report), form)
