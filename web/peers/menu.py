"""Where a peer worker's own pages sit in the header menu."""

from __future__ import annotations

from accounts.roles import Role
from web.menu import MenuItem, register

PEER_WORKER = frozenset({Role.PEER_WORKER})

register(MenuItem("My supervision", "web:peers:supervision", PEER_WORKER, order=20))
register(MenuItem("My training", "web:peers:training", PEER_WORKER, order=30))
register(MenuItem("My competences", "web:peers:competences", PEER_WORKER, order=40))
register(MenuItem("My progression", "web:peers:progression", PEER_WORKER, order=50))
register(MenuItem("My wellbeing", "web:peers:wellbeing", PEER_WORKER, order=60))
register(MenuItem("My reminders", "web:peers:reminders", PEER_WORKER, order=70))
