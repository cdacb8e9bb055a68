#!/usr/bin/env sh
# Re-run every newsweave eval benchmark on ../shared/data and refresh its section of benchmarks/RESULTS.md.
# Run from the repository root. Takes about 3 minutes on 2 cores.
set -eu
newsweave eval summarize --dataset duc2004
newsweave eval extract --dataset zyte
newsweave eval dates --dataset htmldate
newsweave eval boilerplate --dataset trafilatura-eval
