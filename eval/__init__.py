"""Evaluation: metrics, benchmarks and reports, run as modules from the project folder
(`.venv/bin/python -m eval.bench_retrieval`). Training lives in `train/`, test support in
`tests/support/`."""
