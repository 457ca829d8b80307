"""A helper process that prepares the rows of a long write while the writer is in SQLite.

A row costs about as much Python (checks, chain hash, search text) as SQLite work, and a
thread cannot overlap them: each row's step gives up the GIL and then waits to get it back.
A second process can. It holds the write's state (next id, chain head, keys written), takes
one batch at a time with the writer's database lookups, and returns the prepared rows while
the writer stores the previous batch. Messages are pickles between two processes of this
one program, length-prefixed, over the child's stdin and stdout; only one message is ever
in flight each way, so neither side can block the other.

Run as `python -m app.write_worker`; started by `PreparingProcess`, never by hand.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import traceback
from pathlib import Path
from typing import BinaryIO

from app.errors import SensitiveDataError
from app.txn_rows import Lookups, Prepared, Refused, State, prepare

_HEADER = 8


class WorkerGone(RuntimeError):
    """The helper process stopped without answering (killed, out of memory)."""


class PreparingProcess:
    """The writer's side: `send` the first batch, then `exchange` each next one for the
    answer to the one before; `exchange(None)` takes the last answer."""

    def __init__(self, state: State) -> None:
        root = str(Path(__file__).resolve().parents[1])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self._process = subprocess.Popen(
            [sys.executable, "-P", "-m", "app.write_worker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, env=env)
        self._awaited = 0             # batches sent whose answer was not read yet
        _send(self._stdin, state)

    @property
    def _stdin(self) -> BinaryIO:
        return self._process.stdin  # type: ignore[return-value]

    @staticmethod
    def pack(batch: list[tuple[object, ...]], lookups: Lookups, first_index: int) -> bytes:
        """A batch ready to send: packed apart from sending so the writer can do it while
        the helper is still busy with the batch before."""
        return pickle.dumps((batch, lookups, first_index), protocol=pickle.HIGHEST_PROTOCOL)

    def send(self, packed: bytes) -> None:
        try:
            _write(self._stdin, packed)
        except BrokenPipeError:       # it died after its last answer, before this batch
            raise WorkerGone("the helper process preparing rows stopped unexpectedly "
                             f"(exit code {self._process.wait()})") from None
        self._awaited += 1

    def exchange(self, packed: bytes | None) -> Prepared:
        """Read the answer for the oldest batch sent, send the next one (if any) so the
        helper starts on it at once, then unpack the answer. A refusal or invalid record is
        raised as it would be inline (Refused with the record's index, ValueError)."""
        header = self._process.stdout.read(_HEADER)  # type: ignore[union-attr]
        size = int.from_bytes(header, "little") if len(header) == _HEADER else 0
        data = self._process.stdout.read(size) if size else b""  # type: ignore[union-attr]
        self._awaited -= 1
        if not size or len(data) < size:
            raise WorkerGone("the helper process preparing rows stopped unexpectedly "
                             f"(exit code {self._process.wait()})")
        if packed is not None:
            self.send(packed)
        kind, body = pickle.loads(data)  # our own child, our own pipe
        if kind == "ok":
            return Prepared(*body)
        if kind == "refused":
            message, facts, index = body
            raise Refused(SensitiveDataError(message, **facts), index)
        if kind == "invalid":
            raise ValueError(body)
        raise RuntimeError(f"the helper process preparing rows failed:\n{body}")

    def close(self) -> None:
        """Ask an idle child to stop and wait for it. A child still owing an answer (the
        write failed on this side: a bad row further on, a cancel) is killed at once: it
        may be blocked writing that answer, and it holds nothing but memory."""
        if self._awaited > 0:
            self._process.kill()
        try:
            self._stdin.write((0).to_bytes(_HEADER, "little"))
            self._stdin.close()
        except OSError:
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout:
            self._process.stdout.close()


def _send(stream: BinaryIO, message: object) -> None:
    _write(stream, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def _write(stream: BinaryIO, data: bytes) -> None:
    stream.write(len(data).to_bytes(_HEADER, "little"))
    stream.write(data)
    stream.flush()


def _receive(stream: BinaryIO) -> object | None:
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        return None
    size = int.from_bytes(header, "little")
    if size == 0:
        return None
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)  # from our own parent process


def _serve(source: BinaryIO, sink: BinaryIO) -> None:
    """The child: the state first, then batches until an empty message or end of input."""
    state = _receive(source)
    if not isinstance(state, State):
        return
    while (message := _receive(source)) is not None:
        batch, lookups, first_index = message  # type: ignore[misc]
        _send(sink, _answer(batch, lookups, state, first_index))


def _answer(batch: list[tuple[object, ...]], lookups: Lookups, state: State,
            first_index: int) -> tuple[str, object]:
    try:
        done = prepare(batch, lookups, state, first_index)
    except Refused as refused:
        return "refused", (refused.error.message, refused.error.facts, refused.index)
    except ValueError as exc:
        return "invalid", str(exc)
    except Exception:  # reported to the parent, which raises it
        return "failed", traceback.format_exc()
    return "ok", (done.rows, done.texts, done.rollup, done.head, done.zones)


def main() -> None:
    # The protocol owns the real stdout; anything printed by accident goes to stderr.
    sink = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    _serve(sys.stdin.buffer, sink)
    sink.close()


if __name__ == "__main__":
    main()
