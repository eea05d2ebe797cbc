"""Every read in recruitment that is more than a get, split by area; import from here."""

from recruitment.selectors.pipeline import *  # noqa: F403
