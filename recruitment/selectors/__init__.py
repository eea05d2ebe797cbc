"""Every read in recruitment that is more than a get, split by area; import from here."""

from recruitment.selectors.analytics import *  # noqa: F403
from recruitment.selectors.equality import *  # noqa: F403
from recruitment.selectors.figures import *  # noqa: F403
from recruitment.selectors.panels import *  # noqa: F403
from recruitment.selectors.pipeline import *  # noqa: F403
