# Sourced by scripts/common.sh, not run.

# --- The balancer: our own nginx process, configuration, pid and logs under .runtime/nginx-DOMAIN/ ---

balancer_dir() { echo "$JC_RUNTIME/nginx-$1"; }

balancer_pid() {
  local pid
  pid=$(cat "$(balancer_dir "$1")/nginx.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -- "$(balancer_dir "$1")" >/dev/null && echo "$pid"
}

# Debian's nginx, installed when missing and we are root (as PostgreSQL and Chromium are).
ensure_nginx() {
  PATH="$PATH:/usr/sbin"
  command -v nginx >/dev/null 2>&1 && return 0
  if can_apt_install; then
    say "Installing nginx (Debian package 'nginx') for the cluster's load balancer..."
    apt_install nginx \
      || die "Could not install nginx (apt-get install nginx), which balances the cluster. Install it, or run one server (JOINTCHAT_INSTANCES=1)."
  else
    die "The cluster's load balancer is nginx, and it is not installed (installing it needs root and apt-get): apt-get install nginx, or run one server (JOINTCHAT_INSTANCES=1)."
  fi
  command -v nginx >/dev/null 2>&1 || die "nginx was installed but is not on the PATH."
}

# The balancer's configuration: scripts/templates/nginx.conf.template with each @NAME@ filled in. $1: domain,
# $2: its directory, $3: the "user" line (or nothing), $4: open files per worker, $5: the upstream's server lines,
# $6 and $7: the IPv4 and IPv6 listen lines (the latter may be empty).
balancer_config() {
  local conf
  conf=$(<"$JC_ROOT/scripts/templates/nginx.conf.template")
  # Quoted replacements: taken literally (bash 5.2 would otherwise read & in them as the match).
  conf=${conf//@DOMAIN@/"$1"}
  conf=${conf//@DIR@/"$2"}
  conf=${conf//@USER@/"$3"}
  conf=${conf//@FILES@/"$4"}
  conf=${conf//@SERVERS@/"$5"}
  conf=${conf//@LISTEN@/"$6"}
  conf=${conf//@IPV6@/"$7"}
  printf '%s\n' "$conf"
}

# Writes the balancer's configuration for domain $1 (listening on port $2, instances' HTTP ports $3...) and
# starts our nginx, or makes the running one reload it.
start_balancer() {
  local domain=$1 port=$2 dir servers="" instance user="" listen ipv6="" files pid
  shift 2
  ensure_nginx
  dir=$(balancer_dir "$domain")
  mkdir -p "$dir/logs" "$dir/temp"
  # max_fails=0 (issue 24, item 4): a 503 is tried on the next instance, but never marks an instance failed. An
  # instance answers 503 while it stops, warms or admits no more sockets at the moment; counted as failures,
  # a returning crowd's 503s marked both instances failed and nginx answered "no live upstreams" (502) to all.
  # A stopped instance refuses connections at once, so trying it costs nothing.
  for instance in "$@"; do
    servers+="        server 127.0.0.1:$instance max_fails=0;"$'\n'
  done
  # As root, nginx's workers drop to an unprivileged user (the Debian package's).
  if [ "$(id -u)" = 0 ]; then
    if id www-data >/dev/null 2>&1; then user="user www-data www-data;"; else user="user nobody nogroup;"; fi
  fi
  [ -e /proc/net/if_inet6 ] && ipv6="listen [::]:$port reuseport backlog=4096;"
  listen="listen $port reuseport backlog=4096;"
  files=$(ulimit -Hn); [ "$files" = unlimited ] || [ "$files" -gt 20000 ] && files=20000
  balancer_config "$domain" "$dir" "$user" "$files" "$servers" "$listen" "$ipv6" > "$dir/nginx.conf"
  nginx -t -q -p "$dir/" -c "$dir/nginx.conf" 2>"$dir/logs/config-test.log" \
    || die "nginx refused the balancer's configuration $dir/nginx.conf: $(cat "$dir/logs/config-test.log")"
  if pid=$(balancer_pid "$domain"); then
    kill -HUP "$pid"
  else
    say "Starting the load balancer (nginx) on port $port..."
    ulimit -n "$files" 2>/dev/null || true
    nginx -p "$dir/" -c "$dir/nginx.conf" || die "nginx did not start; see $dir/logs/error.log"
  fi
}

stop_balancer() {
  local pid
  pid=$(balancer_pid "$1") || return 0
  say "Stopping the load balancer (nginx, pid $pid)..."
  kill -QUIT "$pid" 2>/dev/null || true   # graceful: open sockets get worker_shutdown_timeout
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  say "WARNING: nginx (pid $pid) did not stop."
}
