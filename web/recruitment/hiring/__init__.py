"""Hiring pages: interviews and their panels, scores, the offer, pre-employment checks and the hire."""
