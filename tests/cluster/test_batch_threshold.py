"""The offline cut falls with the batch size: a small folder on one event is one story, a big mix is cut as tuned."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from newsweave.cluster.offline import batch_threshold, cluster_labels
from newsweave.config import ClusterParams
from newsweave.errors import ConfigError

P = ClusterParams()


def test_full_cut_from_the_tuned_size_up() -> None:
    assert batch_threshold(500, P) == P.threshold
    assert batch_threshold(3000, P) == P.threshold


def test_lower_by_the_log_of_how_much_smaller_and_never_under_the_floor() -> None:
    assert batch_threshold(50, P) == pytest.approx(P.threshold - P.small_batch_slope * math.log(10))
    assert batch_threshold(10, P) < batch_threshold(100, P) < batch_threshold(499, P) < P.threshold
    assert batch_threshold(1, P) == P.min_threshold
    assert batch_threshold(0, P) == P.min_threshold
    assert batch_threshold(10, replace(P, small_batch_slope=0.0)) == P.threshold
    assert batch_threshold(10, replace(P, threshold=0.1)) == 0.1  # the floor never lifts a lower cut


def _one_event(n: int, alike: float, seed: int = 0) -> np.ndarray:
    """n unit vectors whose pairwise cosines are about ``alike``: a shared direction plus noise."""
    rng = np.random.default_rng(seed)
    noise = rng.normal(size=(n, 256))
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    common = np.zeros(256)
    common[0] = 1.0
    v = math.sqrt(alike) * common + math.sqrt(1 - alike) * noise
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_ten_articles_on_one_loose_event_stay_one_story() -> None:
    v = _one_event(10, 0.23)
    sim = np.clip(v @ v.T, 0, 1)
    assert len(set(cluster_labels(sim, P.threshold))) > 1  # the fixed cut splits them
    assert len(set(cluster_labels(sim, batch_threshold(10, P)))) == 1


def test_settings_are_checked() -> None:
    with pytest.raises(ConfigError):
        ClusterParams(small_batch_slope=-0.1)
    with pytest.raises(ConfigError):
        ClusterParams(full_threshold_articles=0)
