"""Loaded into the conformance suite's pytest (``-p``): Hypothesis without shrinking.

A failing example is reported as drawn (with the seed, it reproduces), not shrunk: the
expected failures of the xfail files would otherwise spend minutes shrinking each run.
Health checks are off too: on a loaded 2-core machine "too slow" is not a finding.
The suite's own profile (examples, deadline) is made after this one and inherits it.
"""

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "eagerlite-conformance",
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("eagerlite-conformance")
