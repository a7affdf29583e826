#!/usr/bin/env bash
# Webhook throughput on loopback: publishes the service (Release), starts it on the given storage with
# the demo shop, and runs wrk against the bare /health/live endpoint and the signed generic webhook in
# the same run, so the ratio between them is comparable however loaded the machine is.
#
# usage: run_webhook_load.sh sqlite|postgres [seconds=15] [connections=32] [postgres connection string]
#   postgres needs a reachable server; the connection string names a database the run may fill
#   (it is created if missing). Example:
#   run_webhook_load.sh postgres 15 32 "Host=127.0.0.1;Port=55433;Username=postgres;Database=csbot_load"
set -euo pipefail
cd "$(dirname "$0")/../../.."

storage="${1:?sqlite or postgres}"
seconds="${2:-15}"
connections="${3:-32}"
pg="${4:-}"
port=5090
secret="whsec_ZGVtby13ZWJob29rLXNlY3JldC1mb3ItbG9jYWwtZGV2"
work="$(mktemp -d /tmp/csbot-load.XXXXXX)"
# The base language models are trained at the first start and cached per build and corpus; keeping the
# cache between runs saves a minute of training per run and keeps it out of the measurement.
models="${CSBOT_LOAD_MODEL_CACHE:-/tmp/csbot-load-models}"

dotnet publish src/CustomerServiceBot.Api -c Release -o "$work/app" -v quiet -nologo >&2

settings=(
  --urls "http://127.0.0.1:$port"
  --DemoShop:Enabled=true --DemoShop:ShopId=demo
  --DemoShop:AdminApiKey=csk_demo_admin_key_for_local_development_only
  --DemoShop:WebhookSecret="$secret"
  --Access:OperatorApiKey=load-test-operator-key-0123456789
  --RateLimiting:WebhookRequestsPerSecond=1000000 --RateLimiting:WebhookBurst=1000000
  --Nlu:ModelCache="$models"
)
case "$storage" in
  sqlite) settings+=(--Storage:Provider=Sqlite --Storage:SqlitePath="$work/bot.db") ;;
  postgres) settings+=(--Storage:Provider=PostgreSql --Storage:PostgreSqlConnectionString="${pg:?connection string}") ;;
  *) echo "storage must be sqlite or postgres" >&2; exit 2 ;;
esac

ASPNETCORE_ENVIRONMENT=Production dotnet "$work/app/CustomerServiceBot.Api.dll" "${settings[@]}" >"$work/service.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 600); do
  if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then break; fi
  if ! kill -0 "$service" 2>/dev/null; then cat "$work/service.log" >&2; exit 1; fi
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the service never became ready" >&2; exit 1; }

# Enough distinct deliveries that none repeats during the run.
count=$(( seconds * 6000 ))
python3 tests/CustomerServiceBot.Benchmarks/Load/make_webhook_requests.py "$count" "$secret" demo "$work/requests.tsv"
# Warm-up: tiered JIT keeps recompiling hot methods for about a minute under this load (after 20 s its
# background thread still took a fifth of the service's CPU); then the knowledge view, connection pools
# and prepared statements are warm too. CSBOT_LOAD_WARMUP sets the seconds.
wrk -t2 -c"$connections" -d"${CSBOT_LOAD_WARMUP:-60}s" -s tests/CustomerServiceBot.Benchmarks/Load/webhook.lua "http://127.0.0.1:$port" -- "$work/requests.tsv" 2 demo >/dev/null
python3 tests/CustomerServiceBot.Benchmarks/Load/make_webhook_requests.py "$count" "$secret" demo "$work/requests.tsv"

echo "== bare: GET /health/live"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/health/live"
cpu_seconds() { awk '{print ($14 + $15) / 100}' "/proc/$service/stat"; }
echo "== signed generic webhook, $storage"
before=$(cpu_seconds)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s tests/CustomerServiceBot.Benchmarks/Load/webhook.lua "http://127.0.0.1:$port" -- "$work/requests.tsv" 2 demo
echo "== service CPU during the webhook run: $(awk -v a="$before" -v b="$(cpu_seconds)" 'BEGIN{print b - a}') s"
echo "== service: $(grep -c ' 5[0-9][0-9] ' "$work/service.log" || true) lines mentioning a 5xx in the log"
