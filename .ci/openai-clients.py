#!/usr/bin/env python3
"""The official `openai` SDK against a generated service (issue 16): embeddings as floats and as
base64 (decoded to the same float32 values), a chat completion whole and streamed through the
SDK's own iterator to the end, and a bad request surfacing as `openai.BadRequestError` with the
service's own message. Usage: openai-clients.py BASE_URL [--no-chat]   (BASE_URL like http://127.0.0.1:8080)
Prints one `ok` line per check; exits 1 at the first failed one."""
import base64
import struct
import sys

import openai

base, chat = sys.argv[1].rstrip("/"), "--no-chat" not in sys.argv[2:]
client = openai.OpenAI(base_url=base + "/v1", api_key="not-needed-locally", max_retries=0, timeout=30)


def check(what, condition, detail=""):
    if not condition:
        print(f"  FAIL  openai SDK: {what} {detail}", file=sys.stderr)
        sys.exit(1)
    print(f"  ok    openai SDK: {what}")


def f32(values):
    """The float32 values as the service holds them (the JSON floats are their shortest decimals)."""
    return list(struct.unpack(f"<{len(values)}f", struct.pack(f"<{len(values)}f", *values)))


texts = ["hello world", "the second input"]
floats = client.embeddings.create(model="local", input=texts, encoding_format="float")
check("embeddings.create(float): one embedding per input, in order",
      [d.index for d in floats.data] == [0, 1] and floats.object == "list", repr(floats)[:200])
check("embeddings.create(float): 384 floats each", all(len(d.embedding) == 384 for d in floats.data))
raw = client.embeddings.create(model="local", input=texts, encoding_format="base64")
decoded = [list(struct.unpack(f"<{len(base64.b64decode(d.embedding)) // 4}f", base64.b64decode(d.embedding))) for d in raw.data]
check("embeddings.create(base64): decodes to the same float32 values",
      decoded == [f32(d.embedding) for d in floats.data])
# Without encoding_format the SDK asks for base64 itself and decodes it into floats.
implicit = client.embeddings.create(model="local", input=texts)
check("embeddings.create() (the SDK's own base64 decoding): the same values",
      [f32(d.embedding) for d in implicit.data] == [f32(d.embedding) for d in floats.data])
check("embeddings usage counted", floats.usage.prompt_tokens > 0 and floats.usage.total_tokens == floats.usage.prompt_tokens)

try:
    client.embeddings.create(model="local", input=[])
    check("embeddings.create(input=[]) is refused", False)
except openai.BadRequestError as error:
    check("a bad request is openai.BadRequestError with our message",
          error.status_code == 400 and error.body.get("message") == "'input' must not be an empty array"
          and error.param == "input" and error.type == "invalid_request_error", repr(error.body))

if chat:
    messages = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "stream me please"}]
    whole = client.chat.completions.create(model="local", messages=messages)
    check("chat.completions.create: a chat.completion with the reply",
          whole.object == "chat.completion" and whole.choices[0].message.content.endswith("stream me please")
          and whole.choices[0].finish_reason == "stop", repr(whole)[:300])
    reply = whole.choices[0].message.content
    pieces, finish, chunks = [], None, 0
    for chunk in client.chat.completions.create(model="local", messages=messages, stream=True):
        chunks += 1
        assert chunk.object == "chat.completion.chunk", chunk
        for choice in chunk.choices:
            if choice.delta.content:
                pieces.append(choice.delta.content)
            if choice.finish_reason:
                finish = choice.finish_reason
    check(f"chat.completions.create(stream=True): iterated to the end ({chunks} chunks)",
          "".join(pieces) == reply and finish == "stop", f"{pieces!r} {finish!r}")
    try:
        client.chat.completions.create(model="local", messages=[{"role": "wizard", "content": "hi"}])
        check("chat with an unknown role is refused", False)
    except openai.BadRequestError as error:
        check("chat: a bad role is openai.BadRequestError naming messages",
              error.status_code == 400 and error.param == "messages" and "role" in error.body.get("message", ""), repr(error.body))
