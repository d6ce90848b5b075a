"""A minimal safetensors writer/reader (float32 only), following the published format.

Layout: 8-byte little-endian u64 N, then N bytes of UTF-8 JSON header
{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ..., optional
"__metadata__": {str: str}}, padded with spaces so that 8 + N is a multiple of 8, then the
byte buffer (offsets are relative to its start), tensors row-major little-endian. Tensors are
laid out sorted by name, as the reference implementation does (torch 1.13 has no writer and
Debian 12 has no python3-safetensors).
"""
import json
import struct

import numpy as np


def write(path, tensors, metadata=None):
    """tensors: dict name -> float32 numpy array (any shape)."""
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        arr = np.ascontiguousarray(tensors[name], dtype="<f4")
        data = arr.tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    if metadata:
        header = {"__metadata__": metadata, **header}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for c in chunks:
            f.write(c)


def read(path):
    """Returns (dict name -> float32 array, metadata or None); checks the offsets tile the buffer."""
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", None)
    buf = blob[8 + n:]
    out, spans = {}, []
    for name, info in header.items():
        assert info["dtype"] == "F32", name
        b, e = info["data_offsets"]
        arr = np.frombuffer(buf[b:e], dtype="<f4")
        assert arr.size == int(np.prod(info["shape"], dtype=np.int64)), name
        out[name] = arr.reshape(info["shape"])
        spans.append((b, e))
    spans.sort()
    assert spans[0][0] == 0 and spans[-1][1] == len(buf)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    return out, meta
