"""What the fuzz targets share: a seed corpus folder and the libFuzzer command line."""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
logging.disable(logging.WARNING)  # pdfminer logs every damaged stream it meets


def run(name: str, test_one_input, seeds: list[bytes]) -> None:
    """Fuzz `test_one_input` with atheris; without a corpus folder (or inputs to replay) on the command line,
    start from `seeds`."""
    import atheris

    args = list(sys.argv)
    if all(arg.startswith("-") for arg in args[1:]):
        corpus = Path(tempfile.gettempdir()) / f"kb-fuzz-{name}"
        corpus.mkdir(exist_ok=True)
        for i, seed in enumerate(seeds):
            (corpus / f"seed-{i:03d}").write_bytes(seed)
        args.append(str(corpus))
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


def one_line(exc: Exception) -> None:
    """An expected error must say something, on one line."""
    message = str(exc)
    assert message and "\n" not in message, repr(message)
