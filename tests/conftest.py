"""Shared fixtures: models loaded once per session, small samples, data paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from passionmap import Config
from passionmap.nlp.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """The CLI caches mentions by default: keep the tests' cache out of ~/.cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PASSIONMAP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def nlp_blank():
    """spaCy blank English plus passionmap's rules: fast, no statistical model."""
    return load_nlp("blank")


@pytest.fixture(scope="session")
def nlp_sm():
    """The real small English model plus passionmap's components."""
    return load_nlp()


@pytest.fixture
def quiet():
    """A Config without progress bars."""
    return Config(progress=False)


@pytest.fixture
def datasets() -> Path:
    """../shared/datasets, or skip when it is not there."""
    if not DATASETS.is_dir():
        pytest.skip("../shared/datasets is absent")
    return DATASETS
