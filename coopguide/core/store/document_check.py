"""A received Yjs update checked before Yrs reads it (:func:`check_update`).

Written by hand, on purpose: Yrs decodes nested values recursively, so a few hundred kB of nested
lists in a forged ``.coopguide`` file overflow its stack and kill the program with no message; no
library reads the Yjs update format (lib0 encoding, version 1) without building it. The reader
below walks the bytes once, builds nothing, and accepts only what Coopguide itself writes.
"""

from __future__ import annotations

MAX_VALUE_DEPTH = 4  # of a value in a received document; the app's are objects of texts (2)


class DocumentError(ValueError):
    """A document whose values do not have the expected shape (a foreign or forged file)."""


def check_update(update: bytes) -> None:
    """Refuse (:class:`DocumentError`), before Yrs reads it, an update that is not a whole document
    made of what Coopguide writes: texts, values (objects of texts), deleted spans.

    Yrs decodes nested values recursively: a few hundred kB of nested lists overflow the stack and
    kill the program, so nesting is bounded here. A document that refers to items it does not hold
    (an increment over another laptop's document, an item whose parent is another's value) is
    refused too: alone it would look empty and pass every check, merged it would bring values
    nobody checked, or make Yrs raise. Linear in the size of the update."""
    reader = _UpdateReader(update)
    ends: dict[int, int] = {}  # client → clock after its last struct (each starts at 0)
    references: list[tuple[int, int]] = []
    for _ in range(reader.uint()):
        count, client, clock = reader.uint(), reader.uint(), reader.uint()
        if client in ends or clock != 0:
            raise DocumentError("document incomplet")
        for _ in range(count):
            info = reader.byte()
            kind = info & 0x1F
            if kind == 0:  # GC: a collected span
                clock += reader.uint()
                continue
            if info & 0x80:
                references.append((reader.uint(), reader.uint()))
            if info & 0x40:
                references.append((reader.uint(), reader.uint()))
            if not info & 0xC0:
                if reader.uint() != 1:  # a parent that is an item: no nested types in a dossier
                    raise DocumentError("structure inconnue")
                reader.string()
                if info & 0x20:
                    reader.string()
            if kind == 1:  # deleted span
                length = reader.uint()
            elif kind == 4:  # text, counted in UTF-16 units like Yjs
                try:
                    length = len(reader.string().decode("utf-8").encode("utf-16-le")) // 2
                except UnicodeDecodeError as error:
                    raise DocumentError("texte illisible") from error
            elif kind == 8:  # values
                length = reader.uint()
                for _ in range(length):
                    reader.value(1)
            else:  # skip (incomplete), formats, embeds, types, sub-documents…
                raise DocumentError("contenu inconnu")
            if length == 0:
                raise DocumentError("élément vide")
            clock += length
        ends[client] = clock
    for _ in range(reader.uint()):  # deleted ranges
        client = reader.uint()
        for _ in range(reader.uint()):
            start, length = reader.uint(), reader.uint()
            if start + length > ends.get(client, 0):
                raise DocumentError("document incomplet")
    if reader.at != len(update):
        raise DocumentError("octets en trop")
    if any(clock >= ends.get(client, 0) for client, clock in references):
        raise DocumentError("document incomplet")


class _UpdateReader:
    """lib0 encoding (Yjs update format 1), read without building anything."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def byte(self) -> int:
        if self.at >= len(self.data):
            raise DocumentError("document tronqué")
        self.at += 1
        return self.data[self.at - 1]

    def uint(self) -> int:
        value = shift = 0
        while True:
            byte = self.byte()
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7
            if shift > 63:
                raise DocumentError("nombre illisible")

    def skip(self, size: int) -> None:
        if size > len(self.data) - self.at:
            raise DocumentError("document tronqué")
        self.at += size

    def string(self) -> bytes:
        size = self.uint()
        start = self.at
        self.skip(size)
        return self.data[start : self.at]

    def value(self, depth: int) -> None:
        if depth > MAX_VALUE_DEPTH:
            raise DocumentError("valeur trop imbriquée")
        tag = self.byte()
        if tag in (127, 126, 121, 120):  # undefined, null, false, true
            return
        if tag == 125:  # integer: 0x80 says another byte follows
            for _ in range(10):
                if self.byte() < 0x80:
                    return
            raise DocumentError("nombre illisible")
        if tag == 124:
            self.skip(4)
        elif tag in (123, 122):
            self.skip(8)
        elif tag in (119, 116):  # text, bytes
            self.string()
        elif tag == 118:  # object
            for _ in range(self.uint()):
                self.string()
                self.value(depth + 1)
        elif tag == 117:  # list
            for _ in range(self.uint()):
                self.value(depth + 1)
        else:
            raise DocumentError("valeur inconnue")
