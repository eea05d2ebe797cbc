"""Every write that matters in recruitment, one function per business action.

Split by area; import from here: `from recruitment import services`.
"""

from recruitment.services.applications import *  # noqa: F403
from recruitment.services.checks import *  # noqa: F403
from recruitment.services.hire import *  # noqa: F403
from recruitment.services.interviews import *  # noqa: F403
from recruitment.services.offers import *  # noqa: F403
from recruitment.services.templates import *  # noqa: F403
from recruitment.services.vacancies import *  # noqa: F403
