"""Quantities and stances reported across outlets, grouped, with a verdict on how the reports relate."""

from newsweave.claims.numbers import Quantity, find_quantities, number_claims, verdict
from newsweave.claims.stance import Stance, find_stances, stance_claims

__all__ = ["Quantity", "Stance", "find_quantities", "find_stances", "number_claims", "stance_claims", "verdict"]
