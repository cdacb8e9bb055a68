"""Evaluation of newsweave on ../shared/data, beside its baselines: metrics (ROUGE, B-cubed, shingle F1, date
accuracy, snippet retention), dataset loaders and result writers.

Not part of the installed package: it lives in the repository (``python -m evals ...``, or ``newsweave eval ...``
when newsweave is installed from a checkout) and imports newsweave like any other user of its API.
"""
