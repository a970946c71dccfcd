"""Stage 4b, training: the answer scorer fitted from gold questions (`qa fit`).

scorer_data (every candidate's features, collected by the serving code itself, cached) →
fit_sets (which gold sets and honest negatives) → boosters (LightGBM: the pointwise model and the
ranker, seed ensembles, out-of-fold scores) → fit_scorer (the pick, out-of-fold curve, threshold
and skip bound) → refit (held-out comparison, keep the better, write the artifact) →
scorer_card (its model card). Entry point: `refit(...)` in qa.training.refit. The reader is
trained outside the package (`python -m train.train_reader`).
"""
