"""Every read in the peer workforce that is more than a get, split by area; import from here."""

from peers.selectors.competences import *  # noqa: F403
from peers.selectors.figures import *  # noqa: F403
from peers.selectors.onboarding import *  # noqa: F403
from peers.selectors.pathway import *  # noqa: F403
from peers.selectors.progression import *  # noqa: F403
from peers.selectors.supervision import *  # noqa: F403
from peers.selectors.training import *  # noqa: F403
from peers.selectors.workers import *  # noqa: F403
from peers.selectors.workforce import *  # noqa: F403
