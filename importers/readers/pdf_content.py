"""A PDF page's content streams read into objects by one regular expression, for pdfminer's interpreter.

pdfminer reads a content stream a byte class at a time in Python (`PSBaseParser`, `PSStackParser`,
`PDFContentParser`): two fifths of the time a ruled table's page takes to read. `objects` gives the same objects
in the same order (numbers, names, strings, keywords, arrays, dictionaries, inline images) and fails where pdfminer
fails, with the same exception; `interpreter_class` is pdfminer's page interpreter reading its streams through it.
pdfminer.six is pinned (by pdfplumber's pin): its parser's quirks are kept, spec or not, down to where its 4,096-byte
read buffer ends. A page's streams are read as one, joined by newlines, where each ends in white space (all of the
real documents' do); elsewhere a stream's end may cut a token, which pdfminer carries on in its own ways, and
pdfminer reads the page. Tests compare the two on generated streams, the fixtures and the real documents.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from typing import Any

_TOKEN = re.compile(
    rb"""[\s\x00]*(?:
    (%[^\r\n]*)                                  # 1 a comment
    | /([^\s/%\[\]()<>{}]*)                      # 2 a name, # escapes in it
    | ([-+0-9][0-9]*(?:\.[0-9]*)? | \.[0-9]*)    # 3 a number (int() or float() may refuse it: then none)
    | ([A-Za-z][^\s\#/%\[\]()<>{}]*)             # 4 a keyword, true or false
    | \(((?:[^()\\]|\\.)*)\)                     # 5 a string without nested parentheses
    | (\()                                       # 6 a string with them (or never closed)
    | (<<)                                       # 7
    | <([0-9a-fA-F\s]*)                          # 8 a hex string, ended by the first other byte (not consumed)
    | (>>)                                       # 9
    | (>)                                        # 10 a lone '>': nothing
    | ([^\s\x00])                                # 11 any other byte: a keyword of its own ([ ] { } and the like)
    )""",
    re.X | re.S,
)
_NAME_HEX = re.compile(rb"#([0-9a-fA-F]{0,2})")
_LAST_ESCAPE = re.compile(rb"#[0-9a-fA-F]{0,2}\Z")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)
_ESCAPED = {b"b": b"\b", b"t": b"\t", b"n": b"\n", b"f": b"\f", b"r": b"\r", b"(": b"(", b")": b")", b"\\": b"\\"}
_STRING_PART = re.compile(rb"[()\\]")
_SPACE = re.compile(rb"\s")
_HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.", re.S)
_OPENS = {b"[": "a", b"{": "p", b"<<": "d"}
_CLOSES = {b"]": "a", b"}": "p", b">>": "d"}
_BUFFER = 4096  # pdfminer's PSBaseParser.BUFSIZ
_LINE_END = re.compile(rb"(\x0d\x0a|[\x0d\x0a])$")


def _unescaped(match: re.Match, buffer_end: Callable[[int], bool] | None = None) -> bytes:
    """One backslash escape of a string, as pdfminer reads it: an unknown escaped byte is dropped, and so is a line
    end, but for the LF of a CR LF whose CR ends pdfminer's read buffer (`buffer_end` of the CR's position, as the
    escape's match places it): pdfminer looks no further for the LF, and keeps it."""
    code = match.group(1)
    if code[0] in b"01234567":
        value = int(code, 8)
        assert value < 256, f"Invalid octal {code!r} ({value})"  # pdfminer's own check, and its exception
        return bytes((value,))
    if code == b"\r\n" and buffer_end is not None and buffer_end(match.start(1)):
        return b"\n"
    return _ESCAPED.get(code, b"")


def _string(data: bytes, start: int, buffer_end: Callable[[int], bool]) -> tuple[bytes | None, int]:
    """A string with nested parentheses from just after its '(': its bytes and the position after its ')', or None
    and the end of the data when it is never closed."""
    depth, out, at = 1, [], start
    while True:
        m = _STRING_PART.search(data, at)
        if not m:
            return None, len(data)
        out.append(data[at : m.start()])
        c, at = data[m.start() : m.start() + 1], m.end()
        if c == b"\\":
            e = _ESCAPE.match(data, m.start())
            if e is None:  # the data ends at the backslash
                return None, len(data)
            out.append(_unescaped(e, buffer_end))
            at = e.end()
        elif c == b"(":
            depth += 1
            out.append(c)
        else:
            depth -= 1
            if not depth:
                return b"".join(out), at
            out.append(c)


def _hex(digits: bytes) -> bytes:
    """A hex string's bytes as pdfminer reads them: white space dropped, a last odd digit its own byte (0–15)."""
    digits = _SPACE.sub(b"", digits)
    if len(digits) % 2 == 0:
        return bytes.fromhex(digits.decode())
    return _HEX_PAIR.sub(lambda m: bytes((int(m.group(0), 16),)), digits)


def _name(raw: bytes):
    """A name's PSLiteral: its # escapes decoded (a lone last digit is its own byte), UTF-8 when it decodes."""
    from pdfminer.psparser import LIT

    if b"#" in raw:
        raw = _NAME_HEX.sub(lambda m: bytes((int(m.group(1), 16),)) if m.group(1) else b"", raw)
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


class RunsOver(Exception):
    """An inline image whose bytes run over a stream's end: pdfminer reads it from the next stream in its own way."""


def page_objects(datas: list[bytes]) -> Iterator[Any] | None:
    """The objects of a page's content streams read as one, joined by newlines; None where only pdfminer's parser
    reads them as it does: where a stream but the last ends without white space (or in an escape of it: a backslash
    then white space), a token may be cut, and pdfminer carries it on into the next stream in its own way (and an
    inline image over two streams too). Every multi-stream page of the real documents ends its streams in a newline."""
    if any(not data[-1:].isspace() or data[-2:-1] == b"\\" for data in datas[:-1]):
        return None
    joined = b"\n".join(datas)
    found = objects(joined, list(accumulate((len(data) + 1 for data in datas[:-1]), initial=0)))
    if len(datas) > 1 and b"ID" in joined:  # read them all first: an inline image may run over a stream's end
        read: list = []
        try:
            read.extend(found)
        except RunsOver:
            return None
        except Exception as exc:  # pdfminer's own failure, raised where it raises it: after the objects before it
            return _then_raise(read, exc)
        return iter(read)
    return found


def _then_raise(read: list, exc: Exception) -> Iterator[Any]:
    yield from read
    raise exc


def objects(data: bytes, starts: Sequence[int] = (0,)) -> Iterator[Any]:
    """The objects of content streams (one, or several joined, beginning at `starts`), as pdfminer's
    `PDFContentParser.nextobject` gives them (without their positions): arrays as lists, dictionaries as dicts, an
    inline image as a PDFStream followed by its EI keyword. Objects left inside an array or dictionary that is never
    closed are dropped, as pdfminer drops them. Raises RunsOver for an inline image over two streams."""
    from pdfminer.psparser import KWD, PSSyntaxError, literal_name

    seek = 0  # where pdfminer last moved its read buffer to: an inline image's bytes

    def buffer_end(at: int) -> bool:
        """Whether pdfminer's 4,096-byte read buffer ends at byte `at` (buffers are read from the start of each
        stream, and from where an inline image's bytes begin)."""
        base = max(starts[bisect.bisect_right(starts, at) - 1], seek if seek <= at else 0)
        return (at - base) % _BUFFER == _BUFFER - 1

    keywords: dict[bytes, Any] = {b"true": True, b"false": False}
    inline_begin, inline_data = KWD(b"BI"), KWD(b"ID")
    context: list[tuple[str | None, list]] = []  # the open arrays, dictionaries, procedures and inline images
    curtype: str | None = None
    stack: list = []
    end = len(data)
    at = 0
    match = _TOKEN.match
    token: Any
    while True:
        m = match(data, at)
        if m is None:  # the end, or only white space left
            return
        at = m.end()
        kind = m.lastindex
        if kind == 3:
            text = m.group(3)
            try:
                token = float(text) if b"." in text else int(text)
            except ValueError:
                continue
        elif kind == 4:
            text = m.group(4)
            token = keywords.get(text)
            if token is None:
                token = keywords[text] = KWD(text)
            if token is inline_begin:
                context.append((curtype, stack))
                curtype, stack = "inline", []
                continue
            if token is inline_data:
                if curtype != "inline":
                    continue  # pdfminer drops an ID that follows no BI
                objs = stack
                curtype, stack = context.pop()
                if len(objs) % 2:
                    continue  # pdfminer drops an odd inline dictionary and reads on into the image's bytes
                seek = m.start(4) + 3
                image = _inline_image(data, objs, seek)
                if image is None:
                    return
                if any(seek - 3 < start <= image[-1] for start in starts):
                    raise RunsOver
                context.clear()  # pdfminer's parser is reset by the seek that reads the image
                curtype, stack = None, []
                *found, at = image
                yield from found
                continue
        elif kind == 2:
            raw = m.group(2)
            if at == end and _LAST_ESCAPE.search(raw):
                return  # pdfminer loses a name whose last # escape runs into the end of the data
            token = _name(raw)
        elif kind == 5:
            token = m.group(5)
            if b"\\\r\n" in token:  # a CR LF escape, which pdfminer may read by its buffer's end
                token, at = _string(data, m.start(5), buffer_end)
            elif b"\\" in token:
                token = _ESCAPE.sub(_unescaped, token)
        elif kind == 8:
            if at == end:
                return  # a hex string the data ends in is never closed
            token = _hex(m.group(8))
        elif kind == 6:
            token, at = _string(data, at, buffer_end)
            if token is None:
                return
        elif kind == 11 or kind == 7 or kind == 9:
            text = m.group(kind)
            if text in _OPENS:
                context.append((curtype, stack))
                curtype, stack = _OPENS[text], []
                continue
            if text in _CLOSES:
                if curtype != _CLOSES[text]:
                    continue  # pdfminer drops a closing bracket that closes nothing open
                objs = stack
                curtype, stack = context.pop()
                if kind != 9:
                    token = objs
                elif len(objs) % 2:
                    raise PSSyntaxError(f"Invalid dictionary construct: {objs!r}")
                else:
                    token = {literal_name(k): v for k, v in zip(objs[::2], objs[1::2]) if v is not None}
            else:
                token = KWD(text)
        else:  # a comment or a lone '>'
            continue
        if curtype is None:
            yield token
        else:
            stack.append(token)


def _inline_image(data: bytes, objs: list, start: int) -> tuple | None:
    """An inline image's PDFStream from its dictionary's objects and the bytes from `start`, the EI keyword
    unless the image ends in ASCII85's own end mark, and the position after it; None when the data ends first."""
    from pdfminer.pdfinterp import LITERALS_ASCII85_DECODE
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import KWD, PSLiteral, literal_name

    d = {literal_name(k): resolve1(v) for k, v in zip(objs[::2], objs[1::2])}
    eos = b"EI"
    filters = d.get("F")
    if filters is not None:
        if isinstance(filters, PSLiteral):
            filters = [filters]
        if filters[0] in LITERALS_ASCII85_DECODE:
            eos = b"~>"
    image, at = _inline_data(data, start, eos)
    if image is None:
        return None
    if eos != b"EI":
        return PDFStream(d, image + eos), at
    return PDFStream(d, image), KWD(b"EI"), at


def _inline_data(data: bytes, start: int, target: bytes) -> tuple[bytes | None, int]:
    """An inline image's bytes from `start` up to the two-byte `target` followed by a white-space byte, one line end
    before it dropped, and the position after that byte; None at the data's end. As pdfminer scans: a byte that
    breaks a partial match is taken with it, not looked at again as the start of another."""
    at = start
    while True:
        j = data.find(target[:1], at)
        if j < 0 or j + 2 >= len(data):
            return None, len(data)
        if data[j + 1] != target[1]:
            at = j + 2
        elif not data[j + 2 : j + 3].isspace():
            at = j + 3
        else:
            return _LINE_END.sub(b"", data[start:j]), j + 3


@functools.cache
def interpreter_class():
    """pdfminer's page interpreter reading its content streams with `page_objects` (form XObjects too: a
    sub-interpreter is of the same class), dispatching each operator through a table made once per class; pdfminer's
    own reading where `page_objects` leaves the page to it, and under pdfminer's strict setting."""
    from pdfminer import settings
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value
    from pdfminer.psparser import PSKeyword, keyword_name

    tables: dict[type, dict] = {}  # per class: keyword → (its do_ function, the arguments it takes)

    class Interpreter(PDFPageInterpreter):
        def execute(self, streams) -> None:
            valid = [stream_value(obj) for obj in streams]
            # pdfminer's guard against circular form XObjects, as its own execute has it
            valid = [
                stream for stream in valid if stream.objid is not None and stream.objid not in self.parent_stream_ids
            ]
            found = page_objects([stream.get_data() for stream in valid]) if valid and not settings.STRICT else None
            if found is None:
                super().execute(streams)
                return
            self.stream_ids.clear()
            self.stream_ids.update(stream.objid for stream in valid if stream.objid is not None)
            operators = tables.setdefault(type(self), {})
            for obj in found:
                if type(obj) is not PSKeyword:
                    self.argstack.append(obj)
                    continue
                known = operators.get(obj)
                if known is None:
                    name = keyword_name(obj)
                    method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
                    func = getattr(type(self), method, None)
                    known = operators[obj] = (func, func.__code__.co_argcount - 1 if func else 0)
                func, nargs = known
                if func is None:
                    continue
                if nargs:
                    args = self.pop(nargs)
                    if len(args) == nargs:
                        func(self, *args)
                else:
                    func(self)

    return Interpreter
