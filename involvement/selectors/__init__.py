"""Every read in involvement that is more than a get, split by area; import from here."""

from involvement.selectors.activities import *  # noqa: F403
from involvement.selectors.consultations import *  # noqa: F403
from involvement.selectors.feedback import *  # noqa: F403
from involvement.selectors.figures import *  # noqa: F403
from involvement.selectors.hours import *  # noqa: F403
from involvement.selectors.partners import *  # noqa: F403
from involvement.selectors.payments import *  # noqa: F403
from involvement.selectors.register import *  # noqa: F403
