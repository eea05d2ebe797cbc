"""The web layer's app: templates, static files, and the pages' menus and home cards."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"
    verbose_name = "Pages"

    def ready(self) -> None:
        # Each part (web/<app>/) may register menu items and home cards in its menu.py and home.py.
        import web

        for part in pkgutil.iter_modules(web.__path__):
            if not part.ispkg:
                continue
            for module in ("menu", "home"):
                name = f"web.{part.name}.{module}"
                if importlib.util.find_spec(name) is not None:
                    importlib.import_module(name)
