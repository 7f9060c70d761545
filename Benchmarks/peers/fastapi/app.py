"""The FastAPI peer of the generated Hummingbird microservice, for Benchmarks/compare.sh.

Same endpoints, same request bodies, same response bytes (checked by compare.sh before it
measures): GET /healthz, POST /v1/embeddings (float or base64) and POST /v1/chat/completions with
"stream": true as Server-Sent Events. The embedding is the generated LocalProvider's algorithm,
step for step: words are runs of letters and digits of the lowercased input, each hashed with
64-bit FNV-1a into index hash % dimensions with sign + (top bit 0) or -, then the float32 vector
is divided by its float32 norm. FastAPI done well, not naively: numpy float32 vectors serialised
by orjson (shortest float32 text, as Swift's Float.description), one write per batch of SSE
events (as the Swift route writes the local provider's one batch at once).

Run: uvicorn app:app --host 127.0.0.1 --port 8081 --workers 2 --loop uvloop --http httptools
"""
import base64
import random
import re
import time
from typing import List, Optional, Union

import numpy as np
import orjson
from fastapi import FastAPI, HTTPException
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

DIMENSIONS = 384
MAX_INPUTS = 2048
ROLES = {"system", "user", "assistant", "tool", "developer"}
WORD = re.compile(r"[^\W_]+")  # letters and digits, as Character.isLetter || isNumber
FNV_OFFSET, FNV_PRIME, MASK = 0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1

app = FastAPI()


def fnv1a(data: bytes) -> int:
    h = FNV_OFFSET
    for byte in data:
        h = ((h ^ byte) * FNV_PRIME) & MASK
    return h


def embed(inputs: List[str], dimensions: int):
    vectors, tokens = [], 0
    for text in inputs:
        vector = np.zeros(dimensions, dtype=np.float32)
        words = 0
        for word in WORD.findall(text.lower()):
            h = fnv1a(word.encode())
            vector[h % dimensions] += 1 if (h >> 63) == 0 else -1
            words += 1
        if words == 0:
            vector[0] = 1
        tokens += max(words, 1)
        norm = np.float32(np.sqrt(np.dot(vector, vector), dtype=np.float32))
        if norm > 0:
            vector /= norm
        vectors.append(vector)
    return vectors, tokens


def invalid(message: str, param: Optional[str] = None):
    return Response(
        orjson.dumps({"error": {"message": message, "type": "invalid_request_error", "param": param, "code": None}}),
        status_code=400, media_type="application/json")


@app.get("/healthz")
async def healthz():
    return Response(b'{"status":"ok"}', media_type="application/json")


class EmbeddingsRequest(BaseModel):
    model: str
    input: Union[str, List[str]]
    encoding_format: Optional[str] = None
    dimensions: Optional[int] = None
    user: Optional[str] = None


@app.post("/v1/embeddings")
async def embeddings(body: EmbeddingsRequest):
    inputs = [body.input] if isinstance(body.input, str) else body.input
    if not body.model:
        return invalid("'model' must not be empty", "model")
    if not inputs:
        return invalid("'input' must not be an empty array", "input")
    if len(inputs) > MAX_INPUTS:
        return invalid(f"'input' holds {len(inputs)} items; at most {MAX_INPUTS} are allowed", "input")
    fmt = body.encoding_format or "float"
    if fmt not in ("float", "base64"):
        return invalid("'encoding_format' must be 'float' or 'base64'", "encoding_format")
    if body.dimensions is not None and not 1 <= body.dimensions <= DIMENSIONS:
        return invalid(f"'dimensions' must be between 1 and {DIMENSIONS}", "dimensions")
    vectors, tokens = embed(inputs, body.dimensions or DIMENSIONS)
    data = [{"object": "embedding", "index": i,
             "embedding": base64.b64encode(v.astype("<f4").tobytes()).decode() if fmt == "base64" else v}
            for i, v in enumerate(vectors)]
    payload = {"object": "list", "data": data, "model": body.model,
               "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}
    return Response(orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY), media_type="application/json")


class ChatMessage(BaseModel):
    role: str
    content: str


class ChatRequest(BaseModel):
    model: str
    messages: List[ChatMessage]
    stream: Optional[bool] = None
    max_tokens: Optional[int] = None
    temperature: Optional[float] = None


async def local_chat(request: ChatRequest):
    """The local provider: echoes the last user message word by word, all in one batch."""
    last = next((m.content for m in reversed(request.messages) if m.role == "user"), "")
    words = [w for w in ("You said: " + last).split(" ") if w]  # Swift: split(separator: " ")
    finish = "stop"
    if request.max_tokens is not None and len(words) > request.max_tokens:
        words, finish = words[:request.max_tokens], "length"
    yield [w if i == 0 else " " + w for i, w in enumerate(words)], finish


@app.post("/v1/chat/completions")
async def chat(body: ChatRequest):
    if not body.model:
        return invalid("'model' must not be empty", "model")
    if not body.messages:
        return invalid("'messages' must hold at least one message", "messages")
    for i, m in enumerate(body.messages):
        if m.role not in ROLES:
            return invalid(f"'messages[{i}].role' must be one of {', '.join(sorted(ROLES))}", "messages")
    if body.max_tokens is not None and not 1 <= body.max_tokens <= 1_000_000:
        return invalid("'max_tokens' must be a positive integer", "max_tokens")
    if body.temperature is not None and not 0 <= body.temperature <= 2:
        return invalid("'temperature' must be between 0 and 2", "temperature")
    cid = "chatcmpl-" + format(random.getrandbits(64), "x")
    created = int(time.time())
    if not body.stream:
        raise HTTPException(501, "only stream: true is part of the benchmark")
    prefix = (b'data: {"id":' + orjson.dumps(cid) + b',"object":"chat.completion.chunk","created":'
              + str(created).encode() + b',"model":' + orjson.dumps(body.model) + b',"choices":[{"index":0,"delta":')

    async def events():
        out = [prefix, b'{"role":"assistant","content":""},"finish_reason":null}]}\n\n']
        async for deltas, finish in local_chat(body):
            for delta in deltas:
                out += [prefix, b'{"content":', orjson.dumps(delta), b'},"finish_reason":null}]}\n\n']
            if finish is not None:
                out += [prefix, b'{},"finish_reason":', orjson.dumps(finish), b'}]}\n\ndata: [DONE]\n\n']
            yield b"".join(out)  # one write per batch, as the Swift route does
            out = []

    return StreamingResponse(events(), media_type="text/event-stream", headers={"cache-control": "no-cache"})
