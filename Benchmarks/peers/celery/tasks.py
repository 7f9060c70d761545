"""The peer of the generated hybrid's embed_document job: Celery 5 with a Redis broker. The task
embeds the document's text with the same deterministic provider and writes the vector onto the
document's row in PostgreSQL, with its start and finish times for the benchmark."""
import os
import time

import psycopg2
from celery import Celery
from celery.signals import worker_process_init

from embedding import embed, pg_array

app = Celery("bench", broker=os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"))
app.conf.update(task_ignore_result=True, worker_hijack_root_logger=False, broker_connection_retry_on_startup=True)

_conn = None


@worker_process_init.connect
def _connect(**_):
    global _conn
    _conn = psycopg2.connect(os.environ["DATABASE_DSN"])


@app.task(name="embed_document")
def embed_document(document_id: str, text: str) -> None:
    started = time.time()
    vector = embed(text.strip())
    with _conn.cursor() as cur:
        cur.execute(
            "UPDATE documents SET embedding = %s::real[], embedding_model = 'local' WHERE id = %s",
            (pg_array(vector), document_id),
        )
        cur.execute(
            "INSERT INTO celery_bench_runs (document_id, started_at) VALUES (%s, to_timestamp(%s))",
            (document_id, started),
        )
    _conn.commit()
