-- POST /v1/embeddings with encoding_format base64 (little-endian float32, as the OpenAI API defines it).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"text-embedding-3-small","input":"The quick brown fox jumps over the lazy dog while the service answers","encoding_format":"base64"}'
