"""Every write that matters in involvement, one function per business action.

Split by area; import from here: `from involvement import services`.
"""

from involvement.services.activities import *  # noqa: F403
from involvement.services.consultations import *  # noqa: F403
from involvement.services.feedback import *  # noqa: F403
from involvement.services.participation import *  # noqa: F403
from involvement.services.partners import *  # noqa: F403
from involvement.services.payments import *  # noqa: F403
from involvement.services.register import *  # noqa: F403
