"""Home is the first item of everyone's menu."""

from web.menu import MenuItem, register

register(MenuItem("Home", "web:home", frozenset(), order=0))
