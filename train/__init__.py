"""Training the shipped reader (`python -m train.train_reader`, `train.gpu_pack` and `gpu_train.sh`
for a GPU machine). The answer scorer is fitted by `qa fit` (qa.training)."""
