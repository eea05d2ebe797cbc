"""The pages people use: server-rendered, NHS.UK frontend, one sub-package per domain app (web/README.md)."""
