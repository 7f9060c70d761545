-- GET the URL given to wrk (/healthz, /items).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
