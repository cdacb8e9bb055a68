"""``python -m evals ...``: the evaluation commands (same as ``newsweave eval ...`` from a checkout)."""

from evals.cli import eval_app

eval_app(prog_name="python -m evals")
