#!/usr/bin/env bash
# Rolls out notes: the settings, then the migrations Job (and waits for it), then the Deployment.
# Usage: deploy/k8s/rollout.sh [IMAGE]   e.g. deploy/k8s/rollout.sh registry.example.com/notes:1.2.0
# Needs kubectl pointed at the cluster and namespace, and the Secret notes-secrets in it.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMAGE="${1:-}"
# with_image: the manifests on stdin, with the image set when one was given.
with_image() { if [ -n "$IMAGE" ]; then sed -E "s|^( +image: )notes(:latest)?$|\1$IMAGE|"; else cat; fi; }
kubectl apply -f "$DIR/configmap.yaml"
kubectl delete job notes-migrate --ignore-not-found --wait=true
with_image < "$DIR/jobs/migrate.yaml" | kubectl apply -f -
# Waits for the Job to complete, and stops as soon as it has failed (its backoffLimit spent), not
# only at the timeout: `kubectl wait` takes one condition, so the Job's conditions are polled.
# MIGRATE_TIMEOUT (seconds, default 600) bounds the wait; MIGRATE_POLL the interval (default 2).
migrate_state() {
    kubectl get job/notes-migrate -o 'jsonpath={range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}'
}
deadline=$(( $(date +%s) + ${MIGRATE_TIMEOUT:-600} ))
state=""
while :; do
    state="$(migrate_state || true)"
    case " $state " in
        *" Complete "*) break ;;
        *" Failed "*) break ;;
    esac
    if [ "$(date +%s)" -ge "$deadline" ]; then state="timed out after ${MIGRATE_TIMEOUT:-600}s"; break; fi
    sleep "${MIGRATE_POLL:-2}"
done
case " $state " in
    *" Complete "*) ;;
    *)
        kubectl logs job/notes-migrate --tail=50 >&2 || true
        echo "error: the migrations Job did not complete (${state% }); nothing was rolled out" >&2
        exit 1 ;;
esac
kubectl kustomize "$DIR" | with_image | kubectl apply -f -
for deployment in notes; do
    kubectl rollout status "deployment/$deployment" --timeout=300s
done
