-- POST /v1/chat/completions with "stream": true: 20 Server-Sent Events (the role, 17 words of
-- "You said: " + the 15-word message, the finish reason, and [DONE]).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"local","stream":true,"messages":[{"role":"user","content":"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"}]}'
