#!/usr/bin/env python3
"""Writes the hostile PDFs of this folder, each made by hand to attack one
bound of the PDF reader (issue 17, item 10). Each is a valid-looking PDF of a
few KB; what it does to an unbounded reader is in its docstring line below.

    python3 tests/data/hostile-pdf/make.py   # rewrites the .pdf files here

The files are committed; this script documents how they were made.
"""
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = b"BT /F1 12 Tf 72 720 Td (\\247 1 Val av justerare) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(data, extra=b"", filters=0):
    """A stream object body; `filters` times FlateDecode."""
    for _ in range(filters):
        data = zlib.compress(data, 9)
    f = b""
    if filters:
        f = b" /Filter [" + b" ".join([b"/FlateDecode"] * filters) + b"]"
    return (b"<< /Length %d%s %s >>\nstream\n" % (len(data), f, extra)) + data + b"\nendstream"


def write(name, objects, root=1):
    """Objects numbered from 1, a classic xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, xref)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(out)


def page(contents=b"4 0 R", resources=b"<< /Font << /F1 5 0 R >> >>", extra=b""):
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s "
            b"/Contents %s %s >>" % (resources, contents, extra))


# parent-loop.pdf: the page tree node is its own /Parent and no node has a
# MediaBox or Resources, so a reader that looks up inherited attributes
# through /Parent loops forever.
write("parent-loop.pdf", [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>",
    b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
    stream(TEXT),
])

# cmap-32bit.pdf: a ToUnicode CMap whose one bfrange spans every 32-bit
# code: a reader that expands ranges into a table grows without bound.
cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Hostile def /CMapType 2 def\n"
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
        b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
write("cmap-32bit.pdf", [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    page(),
    stream(TEXT),
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
    stream(cmap),
])

# xobject-cycle.pdf: Form XObject X1 draws X2 and X2 draws X1: a reader that
# recurses into forms overflows its stack.
write("xobject-cycle.pdf", [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    page(resources=b"<< /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>"),
    stream(TEXT + b"\n/X1 Do"),
    FONT,
    stream(TEXT + b"\n/X2 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
           b"/Resources << /Font << /F1 5 0 R >> /XObject << /X2 7 0 R >> >>"),
    stream(TEXT + b"\n/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
           b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>"),
])

# xobject-fanout.pdf: each of 8 levels of forms draws the next 16 times:
# 16^8 (4 billion) draws of one text from a page that draws level 0 once.
LEVELS = 8
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    page(resources=b"<< /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >>"),
    stream(TEXT + b"\n/X Do"),
    FONT,
]
for level in range(LEVELS):
    me = 6 + level
    if level + 1 < LEVELS:
        body = b"\n".join([b"/X Do"] * 16)
        res = b"<< /XObject << /X %d 0 R >> >>" % (me + 1)
    else:
        body = TEXT
        res = b"<< /Font << /F1 5 0 R >> >>"
    objs.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res))
write("xobject-fanout.pdf", objs)

# deflate-bomb.pdf: a content stream deflated twice: 1 GiB of spaces and one
# text in under 4 KB (a reader that inflates whole streams takes gigabytes).
# Compressing takes a minute: it is written only when missing.
if not os.path.exists(os.path.join(HERE, "deflate-bomb.pdf")):
    write("deflate-bomb.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page(),
        stream(b" " * (1 << 30) + TEXT, filters=2),
        FONT,
    ])


def write_objstm(name, n_pages):
    """shared-content.pdf: `n_pages` page objects sharing one content stream,
    packed in a compressed object stream with a cross-reference stream
    (PDF 1.5), so 8,000 pages fit in a few KB. A reader that walks the page
    tree again for every page takes time in the square of the page count."""
    first_page = 6
    # Objects: 1 catalog, 2 pages, 3 content, 4 font, 5 the object stream,
    # 6.. the pages (inside the object stream).
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(n_pages))
    in_stm = [(2, b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages)]
    for i in range(n_pages):
        in_stm.append((first_page + i, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"))
    header, body = bytearray(), bytearray()
    for num, obj in in_stm:
        header += b"%d %d " % (num, len(body))
        body += obj + b"\n"
    data = bytes(header) + bytes(body)
    comp = zlib.compress(data, 9)

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    plain = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: stream(TEXT),
        4: FONT,
        5: (b"<< /Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
            % (len(in_stm), len(header), len(comp))) + comp + b"\nendstream",
    }
    for num in sorted(plain):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + plain[num] + b"\nendobj\n"
    size = first_page + n_pages + 1
    xref_num = size - 1
    offsets[xref_num] = len(out)
    rows = bytearray()
    index_in_stm = {num: i for i, (num, _) in enumerate(in_stm)}
    for num in range(size):
        if num == 0:
            rows += bytes([0]) + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")
        elif num in index_in_stm:
            rows += bytes([2]) + (5).to_bytes(4, "big") + index_in_stm[num].to_bytes(2, "big")
        else:
            rows += bytes([1]) + offsets[num].to_bytes(4, "big") + (0).to_bytes(2, "big")
    # PNG "Up" predictor: each row as its difference from the row above.
    predicted, prev = bytearray(), bytes(7)
    for r in range(0, len(rows), 7):
        row = rows[r:r + 7]
        predicted += bytes([2]) + bytes((a - b) % 256 for a, b in zip(row, prev))
        prev = row
    xcomp = zlib.compress(bytes(predicted), 9)
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d "
            b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> >>\nstream\n"
            % (xref_num, size, len(xcomp)))
    out += xcomp + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_num]
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(out)


write_objstm("shared-content.pdf", 8000)

# quote-operators.pdf (not hostile: valid, the regression test of the text
# operators): every line is drawn with ' or ", none with Tj or TJ.
quoted = (b"BT /F1 12 Tf 14 TL 72 760 Td\n"
          b"(Protokoll) '\n( ) '\n(\\247 1 Val av justerare) '\n(Till justerare utses Anna Andersson.) '\n"
          b"0 0 (\\247 2 Budget 2025) \"\n(Kommunstyrelsen beslutar att godk\\344nna budgeten.) '\nET")
write("quote-operators.pdf", [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    page(),
    stream(quoted),
    FONT,
])
