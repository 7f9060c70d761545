"""The generated AI service's LocalProvider, ported exactly: FNV-1a (64-bit) of each lowercased
word hashed into a 384-float vector (+1 or -1 by the hash's top bit), L2-normalised, with the
Float (32-bit) rounding of the Swift original. Words are runs of letters and digits."""
import math
import re
import struct

_WORD = re.compile(r"[^\W_]+")
_MASK = (1 << 64) - 1


def f32(x: float) -> float:
    return struct.unpack("f", struct.pack("f", x))[0]


def fnv1a(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for byte in data:
        h ^= byte
        h = (h * 0x100000001B3) & _MASK
    return h


def embed(text: str, dimensions: int = 384) -> list:
    vector = [0.0] * dimensions
    words = 0
    for word in _WORD.findall(text.lower()):
        h = fnv1a(word.encode("utf-8"))
        vector[h % dimensions] += 1.0 if (h >> 63) == 0 else -1.0
        words += 1
    if words == 0:
        vector[0] = 1.0
    norm = 0.0
    for x in vector:
        norm = f32(norm + f32(x * x))
    norm = f32(math.sqrt(norm))
    if norm > 0:
        vector = [f32(x / norm) for x in vector]
    return vector


def pg_array(vector: list) -> str:
    """A real[] literal; repr of a float32 value read back as real gives the same float32."""
    return "{" + ",".join(repr(x) for x in vector) + "}"
