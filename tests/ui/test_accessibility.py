"""Keyboard and screen-reader use: every control is named, labels jump to their field, shortcuts are unique."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, agreement_id, paper_id
from zv_desktop.core.store import Store
from zv_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)

CONTROLS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if (
            isinstance(widget, QHeaderView)
            or widget.objectName().startswith("qt_")
            or isinstance(widget.parent(), QComboBox | QAbstractSpinBox)
        ):
            continue  # inner parts of a view, a combo or a spin box
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text.replace("&", "").strip()):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}")
    return missing


def _labels_without_buddy(root: QWidget) -> list[str]:
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if "&" in label.text().replace("&&", "") and label.buddy() is None and label.isVisibleTo(root)
    ]


def _duplicate_shortcuts(root: QWidget) -> list[str]:
    keys: dict[str, list[str]] = {}
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            keys.setdefault(match.group(1).lower(), []).append(text)
    return [f"{k}: {v}" for k, v in keys.items() if len(v) > 1]


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("agreement", agreement_id(AGREEMENT_KAMEN_2002)),
        ("goal", "first-goal"),
        ("values", agreement_id(AGREEMENT_KAMEN_2002)),
        ("paper", paper_id("50/003/2022")),
    ],
)
def test_every_editor_is_usable_by_keyboard_and_screen_reader(
    window: MainWindow, store: Store, kind: str, key: str
) -> None:
    if key == "first-goal":
        key = store.find(model.Goal, "agreement_id = ?", (agreement_id(AGREEMENT_KAMEN_2002),))[0].id
    window.open_record(kind, key)
    editor = window.editors[kind]
    assert _unnamed(editor) == []
    assert _labels_without_buddy(editor) == []
    assert _duplicate_shortcuts(editor) == []


def test_goal_editor_for_every_kind(window: MainWindow, store: Store) -> None:
    seen = set()
    for goal in store.find(model.Goal):
        if goal.kind in seen:
            continue
        seen.add(goal.kind)
        window.open_record("goal", goal.id)
        editor = window.editors["goal"]
        assert _unnamed(editor) == [], goal.kind
        assert _labels_without_buddy(editor) == [], goal.kind
        assert _duplicate_shortcuts(editor) == [], goal.kind
    assert len(seen) == len(model.GoalKind)


def test_menus_and_editors_do_not_share_shortcut_letters(window: MainWindow) -> None:
    menus = {re.search(r"&(.)", a.text()).group(1).lower() for a in window.menuBar().actions()}  # type: ignore[union-attr]
    for kind, key in (("agreement", agreement_id(AGREEMENT_KAMEN_2002)), ("paper", paper_id("50/003/2022"))):
        window.open_record(kind, key)
        letters = {d.split(":")[0] for d in _shortcut_letters(window.editors[kind])}
        assert not letters & menus, (kind, letters & menus)


def _shortcut_letters(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match and widget.isVisibleTo(root):
            found.append(f"{match.group(1).lower()}: {text}")
    return found


def test_navigation_is_named_and_labelled(window: MainWindow) -> None:
    assert _unnamed(window.nav) == [] and _labels_without_buddy(window.nav) == []
