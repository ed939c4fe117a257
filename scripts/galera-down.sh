#!/usr/bin/env bash
# Stops the test Galera cluster that scripts/galera-up.sh started (all nodes, or `node <i>` only).
# `--purge` also deletes the datadirs.
set -euo pipefail
GALERA_DIR="${GALERA_DIR:-/tmp/identity-galera}"
stop_node() {
  local dir="$GALERA_DIR/node$1"
  if [ -f "$dir/mysqld.pid" ]; then
    start-stop-daemon --stop --oknodo --retry 30 --exec /usr/sbin/mariadbd --pidfile "$dir/mysqld.pid" >/dev/null || true
  fi
  # A node whose pidfile is gone (a purged or half-removed datadir) is still found by its config path.
  if pgrep -f -- "--defaults-file=$dir/my.cnf" >/dev/null; then
    pkill -f -- "--defaults-file=$dir/my.cnf" || true
    for _ in $(seq 1 60); do pgrep -f -- "--defaults-file=$dir/my.cnf" >/dev/null || break; sleep 0.5; done
    pkill -9 -f -- "--defaults-file=$dir/my.cnf" || true
  fi
  rm -f "$dir/mysqld.pid"
}
if [ "${1:-}" = "node" ]; then stop_node "$2"; exit 0; fi
# Stop joiners first so node 1 is the last to leave (and the one that can bootstrap next time).
for i in 3 2 1; do stop_node "$i"; done
if [ "${1:-}" = "--purge" ]; then rm -rf "$GALERA_DIR"; fi
echo "galera cluster stopped"
