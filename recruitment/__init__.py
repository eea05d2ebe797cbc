"""Recruitment of lived-experience roles: vacancies, pipeline, panels, checks, offers and hiring."""
