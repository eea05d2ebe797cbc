"""Every read in involvement that is more than a get, split by area; import from here."""

from involvement.selectors.activities import *  # noqa: F403
from involvement.selectors.register import *  # noqa: F403
