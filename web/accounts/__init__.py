"""Signing in and out, password reset, the home page and personal settings."""
