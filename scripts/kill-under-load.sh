#!/bin/sh
# Kills the server with SIGKILL while the load harness feeds it, starts it again, and lets the
# harness finish: its table shows whether any accepted session was lost (none should be: the
# queue is the database). The server must be running from this checkout's build, e.g. started
# with the README's run command or liberty:start.
#   scripts/kill-under-load.sh [SESSIONS] [CALLERS] [SECONDS_BEFORE_KILL]
# ATLAS_USER/ATLAS_PASSWORD (or ATLAS_TOKEN) and ATLAS_SERVER as for the CLI.
set -eu
sessions=${1:-2000}
callers=${2:-64}
before_kill=${3:-20}
here=$(cd "$(dirname "$0")/.." && pwd)
wlp=${ATLAS_WLP_DIR:-$here/atlas-ear/target/liberty/wlp}
pidfile=$wlp/usr/servers/.pid/atlas.pid
server=${ATLAS_SERVER:-http://localhost:9080}
[ -f "$pidfile" ] || { echo "no running server under $wlp (set ATLAS_WLP_DIR)" >&2; exit 2; }

java "$here/scripts/SessionLoad.java" --server "$server" --sessions "$sessions" --callers "$callers" &
harness=$!
sleep "$before_kill"
queued=$(curl -s -u "${ATLAS_USER:-admin}:${ATLAS_PASSWORD:-}" "$server/api/sessions?status=queued&size=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
echo "killing the server (SIGKILL) with ${queued:-?} sessions queued"
kill -9 "$(cat "$pidfile")"
sleep 2
"$wlp/bin/server" start atlas > /dev/null
echo "server started again"
wait "$harness"
