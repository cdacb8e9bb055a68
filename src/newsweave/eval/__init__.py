"""Evaluation: metrics (ROUGE, shingle F1, date accuracy, snippet retention) and ../shared/data loaders."""
