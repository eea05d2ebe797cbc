"""Every write that matters in the peer workforce, one function per business action.

Split by area; import from here: `from peers import services`.
"""

from peers.services.competences import *  # noqa: F403
from peers.services.onboarding import *  # noqa: F403
from peers.services.progression import *  # noqa: F403
from peers.services.reference import *  # noqa: F403
from peers.services.supervision import *  # noqa: F403
from peers.services.training import *  # noqa: F403
from peers.services.wellbeing import *  # noqa: F403
from peers.services.workers import *  # noqa: F403
