"""Celery 5 + Redis against the same documents table as the generated hybrid's queue benchmark.

  drain   BATCH documents inserted in one transaction, then one delay() each after the commit,
          with no worker running; then `celery worker --concurrency 2` (2 worker processes)
          starts and drains them: jobs/s from the first task's start to the last one's finish;
  steady  documents inserted one transaction each at RATE per second for DURATION seconds, each
          followed by delay() after its commit, while the workers wait: enqueue (the document's
          insert) to done (the vector committed), median and p99.
Prints one JSON object. Needs DATABASE_DSN (libpq) and a Redis broker (CELERY_BROKER_URL)."""
import json
import os
import signal
import subprocess
import sys
import time

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from embedding import embed, f32  # noqa: E402
from tasks import app, embed_document  # noqa: E402

DSN = os.environ["DATABASE_DSN"]
BATCH = int(os.environ.get("BATCH", "10000"))
REPEAT = int(os.environ.get("REPEAT", "3"))
RATE = int(os.environ.get("RATE", "1000"))
DURATION = float(os.environ.get("DURATION", "10"))
TEXT = "Benchmark document {0}: refunds are accepted within 30 days of purchase."


def connect():
    conn = psycopg2.connect(DSN)
    conn.autocommit = False
    return conn


def start_workers():
    here = os.path.dirname(os.path.abspath(__file__))
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tasks", "worker", "--concurrency", "2", "--pool", "prefork",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"],
        cwd=here, stdout=subprocess.DEVNULL, stderr=open(os.path.join(os.environ.get("LOGS", "/tmp"), "celery.log"), "a"))


def stop_workers(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_done(conn, marker, count, limit=600):
    end = time.time() + limit
    with conn.cursor() as cur:
        while time.time() < end:
            cur.execute("SELECT count(*) FROM celery_bench_runs WHERE run > %s", (marker,))
            if cur.fetchone()[0] >= count:
                conn.commit()
                return
            conn.commit()
            time.sleep(0.1)
    raise SystemExit(f"celery: {count} tasks did not finish within {limit} s")


def marker_of(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT coalesce(max(run), 0) FROM celery_bench_runs")
        value = cur.fetchone()[0]
    conn.commit()
    return value


def main():
    conn = connect()
    with conn.cursor() as cur:
        cur.execute("""CREATE TABLE IF NOT EXISTS celery_bench_runs (
                           run bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                           document_id uuid NOT NULL, started_at timestamptz NOT NULL,
                           finished_at timestamptz NOT NULL DEFAULT clock_timestamp())""")
    conn.commit()
    app.control.purge()

    rates = []
    for _ in range(REPEAT):
        marker = marker_of(conn)
        with conn.cursor() as cur:
            cur.execute("""INSERT INTO documents (id, title, body, created_at)
                           SELECT gen_random_uuid(), 'celery ' || g, format(%s, g), now()
                           FROM generate_series(1, %s) g RETURNING id, title, body""",
                        (TEXT.replace("{0}", "%s"), BATCH))
            docs = cur.fetchall()
        conn.commit()
        for doc_id, title, body in docs:  # after the commit, as a view would
            embed_document.delay(str(doc_id), title + "\n\n" + body)
        workers = start_workers()
        wait_done(conn, marker, BATCH)
        with conn.cursor() as cur:
            cur.execute("""SELECT count(*) / extract(epoch FROM max(finished_at) - min(started_at))
                           FROM celery_bench_runs WHERE run > %s""", (marker,))
            rates.append(float(cur.fetchone()[0]))
        conn.commit()
        stop_workers(workers)
        print(f"  celery, 2 worker processes, run {len(rates)}: {rates[-1]:.0f} jobs/s", file=sys.stderr)

    # The same vector as the Swift provider wrote for the same text, when one is there.
    same = None
    with conn.cursor() as cur:
        cur.execute("""SELECT d.title || E'\\n\\n' || d.body, d.embedding FROM documents d
                       WHERE d.title LIKE 'bench %%' AND d.embedding IS NOT NULL LIMIT 1""")
        row = cur.fetchone()
        if row:
            same = embed(row[0].strip()) == [f32(float(x)) for x in row[1]]
    conn.commit()

    workers = start_workers()
    time.sleep(2)
    marker = marker_of(conn)
    count = int(RATE * DURATION)
    start = time.time()
    with conn.cursor() as cur:
        for i in range(count):
            due = start + i / RATE
            delay = due - time.time()
            if delay > 0:
                time.sleep(delay)
            cur.execute("""INSERT INTO documents (id, title, body, created_at)
                           VALUES (gen_random_uuid(), 'latency probe', 'Refunds are accepted within 30 days of purchase.', clock_timestamp())
                           RETURNING id, title, body""")
            doc_id, title, body = cur.fetchone()
            conn.commit()
            embed_document.delay(str(doc_id), title + "\n\n" + body)
    achieved = count / (time.time() - start)
    wait_done(conn, marker, count, 300)
    with conn.cursor() as cur:
        cur.execute("""SELECT 1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.finished_at - d.created_at)),
                              1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM r.finished_at - d.created_at))
                       FROM celery_bench_runs r JOIN documents d ON d.id = r.document_id WHERE r.run > %s""", (marker,))
        median, p99 = cur.fetchone()
    conn.commit()
    stop_workers(workers)
    rates.sort()
    print(json.dumps({"jobs_per_s": rates[len(rates) // 2], "range": [rates[0], rates[-1]], "median_ms": median,
                      "p99_ms": p99, "count": count, "rate_achieved": achieved, "same_vector_as_swift": same}))


if __name__ == "__main__":
    main()
