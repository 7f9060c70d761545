-- POST /v1/embeddings: one input of 12 words, 384 floats back as JSON numbers.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"text-embedding-3-small","input":"The quick brown fox jumps over the lazy dog while the service answers"}'
