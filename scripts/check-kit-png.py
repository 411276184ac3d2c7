#!/usr/bin/env python3
"""Checks that a screenshot of the emergency kit shows a rendered page.

Usage: check-kit-png.py FILE.png. Decodes the PNG with the standard library
(8-bit RGB/RGBA, no interlace: what Chromium writes) and checks that it is
the expected size, mostly white paper, with enough dark ink to be text and
boxes (an empty or failed render is all white; an error page is not laid out
like this), and that ink reaches the lower part of the page (all sections
rendered, not only a header) but stops short of the bottom edge (nothing cut off).
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("%s: not a PNG" % path)
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or color not in (2, 6) or interlace:
                sys.exit("%s: unexpected PNG format" % path)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def main():
    path = sys.argv[1]
    width, height, channels, rows = decode(path)
    dark_rows, dark = 0, 0
    for line in rows:
        d = sum(1 for x in range(0, len(line), channels) if line[x] + line[x + 1] + line[x + 2] < 300)
        dark += d
        dark_rows += d > 0
    total = width * height
    last_ink = max((y for y, line in enumerate(rows)
                    if any(line[x] + line[x + 1] + line[x + 2] < 300 for x in range(0, len(line), channels))), default=0)
    problems = []
    if (width, height) != (900, 2000):
        problems.append("size %dx%d, expected 900x2000" % (width, height))
    if not 0.01 <= dark / total <= 0.25:
        problems.append("dark pixels %.2f%% of the page (a rendered sheet has 1-25%%)" % (100 * dark / total))
    if dark_rows < height // 4:
        problems.append("ink on only %d rows" % dark_rows)
    if last_ink < height * 0.6:
        problems.append("nothing drawn below row %d: the page stops early" % last_ink)
    if last_ink > height - 24:
        problems.append("ink at row %d, at the bottom edge: the sheet is taller than the window and cut off" % last_ink)
    if problems:
        sys.exit("%s: %s" % (path, "; ".join(problems)))
    print("%s: %dx%d, %.1f%% ink on %d rows, last ink at row %d: ok" % (path, width, height, 100 * dark / total, dark_rows, last_ink))


if __name__ == "__main__":
    main()
