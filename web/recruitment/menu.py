"""The recruitment areas each register their own menu items and home cards (web/recruitment/<area>/
menu.py and home.py); WebConfig imports this module, and this module imports theirs."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

import web.recruitment

for _area in pkgutil.iter_modules(web.recruitment.__path__):
    if _area.ispkg:
        for _module in ("menu", "home"):
            _name = f"web.recruitment.{_area.name}.{_module}"
            if importlib.util.find_spec(_name) is not None:
                importlib.import_module(_name)
