"""许昌文明城市问答: extractive, cited question answering over Chinese news articles."""

__version__ = "0.1.0"
