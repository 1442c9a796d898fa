"""Test configuration: hypothesis profiles ("dev" locally, "ci" derandomized without deadline)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("SYMQ_HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
