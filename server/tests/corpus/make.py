#!/usr/bin/env python3
"""Writes the hostile-upload corpus next to this script. Needs Pillow (pip install pillow).
The files are committed; run this only to change them. The 50 MB file is made by the test."""
import io, os, struct, zlib
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))

def write(name, data):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)

def png(img, **kw):
    buf = io.BytesIO(); img.save(buf, 'PNG', **kw); return buf.getvalue()

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

def raw_png(width, height, bit_depth, color_type, row_bytes):
    """A PNG of zero rows without decoding limits in the writer (for floods and bombs)."""
    ihdr = struct.pack('>IIBBBBB', width, height, bit_depth, color_type, 0, 0, 0)
    comp = zlib.compressobj(9)
    row = b'\x00' * (row_bytes + 1)
    data = b''.join(comp.compress(row) for _ in range(height)) + comp.flush()
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', data) + chunk(b'IEND', b'')

logo = Image.new('RGB', (64, 48), (31, 42, 107))
for x in range(10, 54):
    for y in range(10, 38):
        logo.putpixel((x, y), (255, 200, 0))

# Images that must be accepted (and come out as clean PNGs).
write('ok-logo.png', png(logo))
big = logo.resize((3000, 2000))
write('ok-large.jpg', (lambda b: (big.save(b, 'JPEG', quality=80), b.getvalue())[1])(io.BytesIO()))
buf = io.BytesIO(); logo.save(buf, 'WEBP'); write('ok-logo.webp', buf.getvalue())
write('ok-logo.svg', b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><rect width="120" height="60" fill="#1f2a6b"/><circle cx="30" cy="30" r="20" fill="#ffc800"/></svg>')
exif = Image.Exif()
exif[0x010F] = 'CameraMaker'
gps = {1: 'N', 2: (59.0, 19.0, 48.0), 3: 'E', 4: (18.0, 4.0, 12.0)}
exif[0x8825] = gps
buf = io.BytesIO(); logo.save(buf, 'JPEG', exif=exif.tobytes()); write('gps-exif.jpg', buf.getvalue())
# A PNG that carries HTML and a script in a text chunk: it decodes, the re-encoding drops it.
polyglot = png(logo)
html = b'<html><body><script>alert(document.cookie)</script></body></html>'
polyglot = polyglot[:-12] + chunk(b'tEXt', b'Comment\x00' + html) + polyglot[-12:]
write('polyglot-html.png', polyglot)

# Refused: not an image we take, whatever the name says.
buf = io.BytesIO(); logo.save(buf, 'GIF'); write('gif-named.png', buf.getvalue())
write('html-named.png', b'<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')
write('empty.png', b'')
write('text.svg', b'not an svg at all, just text')
good = png(logo)
write('truncated.png', good[: len(good) // 2])
write('corrupt.png', good[:33] + chunk(b'IDAT', os.urandom(200)) + chunk(b'IEND', b''))
jpg = open(os.path.join(HERE, 'gps-exif.jpg'), 'rb').read()
write('truncated.jpg', jpg[: len(jpg) // 3])
write('corrupt.jpg', jpg[:20] + os.urandom(400))
# Pixel flood and decompression bomb: small files, huge images.
write('flood-20000x20000.png', raw_png(20000, 20000, 1, 0, 20000 // 8))
write('bomb-4000x4000-rgba16.png', raw_png(4000, 4000, 16, 6, 4000 * 8))

# SVG attacks: scripts, handlers, foreign HTML, external references, entities.
svg = lambda body, extra='': ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100"%s>%s</svg>' % (extra, body)).encode()
write('svg-script.svg', svg('<script>alert(1)</script><rect width="100" height="100" fill="red"/>'))
write('svg-onload.svg', svg('<rect width="100" height="100" fill="blue"/>', ' onload="alert(1)"'))
write('svg-foreign-object.svg', svg('<foreignObject width="100" height="100"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example/"></iframe></body></foreignObject>'))
write('svg-external-href.svg', svg('<image href="https://evil.example/track.png" width="100" height="100"/>'))
write('svg-xlink-file.svg', svg('<image xlink:href="file:///etc/passwd" width="100" height="100"/><use xlink:href="https://evil.example/a.svg#x"/>'))
write('svg-xxe.svg', b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + svg('<text y="20">&xxe;</text>'))
laughs = '<!ENTITY a0 "lol">' + ''.join('<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;">' % ((i,) + (i - 1,) * 10) for i in range(1, 10))
write('svg-billion-laughs.svg', ('<?xml version="1.0"?><!DOCTYPE svg [%s]>' % laughs).encode() + svg('<text y="20">&a9;</text>'))
write('svg-huge-canvas.svg', b'<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000" viewBox="0 0 10 10"><rect width="10" height="10" fill="green"/></svg>')
