#!/usr/bin/env bash
# Starts a 3-node MariaDB Galera cluster on 127.0.0.1 for tests and measurements (multi-primary,
# rsync SST). Node i (1..3) serves SQL on port $GALERA_BASE_PORT+i (default 3311..3313) with its own
# datadir under $GALERA_DIR (default /tmp/identity-galera). Idempotent: a running node is left alone.
#   scripts/galera-up.sh            # start (bootstraps node 1 when no node runs)
#   scripts/galera-up.sh node 2     # (re)start one node, which rejoins the running cluster (IST/SST)
# Needs Debian's mariadb-server with galera-4 and rsync. Stop with scripts/galera-down.sh.
set -euo pipefail

GALERA_DIR="${GALERA_DIR:-/tmp/identity-galera}"
BASE_PORT="${GALERA_BASE_PORT:-3310}"
PROVIDER="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
NODES=(1 2 3)

sql_port() { echo $((BASE_PORT + $1)); }
# Galera's group communication, IST and SST ports for node i: 4567+10(i-1), +1, +2.
gcomm_port() { echo $((4567 + 10 * ($1 - 1))); }
cluster_address() {
  local peers=() i
  for i in "${NODES[@]}"; do peers+=("127.0.0.1:$(gcomm_port "$i")"); done
  (IFS=,; echo "gcomm://${peers[*]}")
}
node_dir() { echo "$GALERA_DIR/node$1"; }
is_up() { mysqladmin --host=127.0.0.1 --port="$(sql_port "$1")" --user=root ping >/dev/null 2>&1; }

write_config() {
  local i=$1 dir gport
  dir=$(node_dir "$i"); gport=$(gcomm_port "$i")
  mkdir -p "$dir/data"
  chown mysql:mysql "$GALERA_DIR" "$dir" "$dir/data"
  cat >"$dir/my.cnf" <<CNF
[mysqld]
# Not root: as root, the joiner's rsync daemon would drop to 'nobody' and SST would fail.
user=mysql
datadir=$dir/data
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
port=$(sql_port "$i")
bind-address=127.0.0.1
skip-name-resolve
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=128M
innodb_log_file_size=48M
max_connections=500
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=identity_galera
wsrep_cluster_address=$(cluster_address)
wsrep_node_name=node$i
wsrep_node_address=127.0.0.1:$gport
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$gport;ist.recv_addr=127.0.0.1:$((gport + 1));gcache.size=256M"
wsrep_sst_receive_address=127.0.0.1:$((gport + 2))
wsrep_sst_method=rsync
wsrep_slave_threads=2
# Causal reads: a read waits until this node has applied every write committed anywhere before it,
# so a user created through one instance is found through another at once (see docs/scaling.md).
wsrep_sync_wait=1
CNF
  if [ ! -d "$dir/data/mysql" ]; then
    mariadb-install-db --defaults-file="$dir/my.cnf" --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/install.log" 2>&1
  fi
  chown -R mysql:mysql "$dir"
}

start_node() {
  local i=$1 bootstrap=${2:-} dir
  dir=$(node_dir "$i")
  if is_up "$i"; then echo "node$i already up on port $(sql_port "$i")"; return; fi
  write_config "$i"
  # A node killed with -9 leaves grastate safe_to_bootstrap: 0; only a fresh cluster bootstraps.
  if [ -n "$bootstrap" ] && [ -f "$dir/data/grastate.dat" ]; then
    sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$dir/data/grastate.dat"
  fi
  start-stop-daemon --start --background --pidfile "$dir/mysqld.pid" --exec /usr/sbin/mariadbd -- \
    --defaults-file="$dir/my.cnf" ${bootstrap:+--wsrep-new-cluster}
  for _ in $(seq 1 180); do
    if is_up "$i" && [ "$(synced_state "$i")" = "Synced" ]; then
      echo "node$i up on port $(sql_port "$i") (Synced)"; return
    fi
    sleep 0.5
  done
  echo "node$i did not reach Synced; see $dir/error.log" >&2
  tail -n 30 "$dir/error.log" >&2 || true
  exit 1
}

synced_state() {
  mysql --host=127.0.0.1 --port="$(sql_port "$1")" --user=root -N -e \
    "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}'
}

any_up() { local i; for i in "${NODES[@]}"; do is_up "$i" && return 0; done; return 1; }

if [ "${1:-}" = "node" ]; then
  start_node "$2"
  exit 0
fi

mkdir -p "$GALERA_DIR"
if any_up; then
  for i in "${NODES[@]}"; do start_node "$i"; done
else
  start_node 1 bootstrap
  start_node 2
  start_node 3
fi
mysql --host=127.0.0.1 --port="$(sql_port 1)" --user=root -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'"
