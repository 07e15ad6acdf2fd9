# Sourced by scripts/common.sh, not run.

# A cluster (JOINTCHAT_INSTANCES >= 2; docs/deployment.md, "Cluster"): a domain of its own whose DAS serves no
# application, a deployment group of N instances on the domain's localhost node sharing one config, and our own
# nginx in front. Names come from the domain: jointchat-cluster -> instances jointchat-1..N, deployment group
# jointchat-dg, config jointchat-config.
# Ports come from the balancer's port P (PORTBASE = P-80, as for a single domain): instance i has the portbase
# PORTBASE+100*i (HTTP P+100*i), the DAS PORTBASE+1000 (admin P+968, HTTP P+1000). None of them overlaps the
# single domain's PORTBASE..PORTBASE+99, and instance 10 would take the DAS's: 9 instances at most.
JC_MAX_INSTANCES=9

cluster_prefix()     { echo "${1%-cluster}"; }
cluster_group()      { echo "$(cluster_prefix "$1")-dg"; }
cluster_config()     { echo "$(cluster_prefix "$1")-config"; }
cluster_instance()   { echo "$(cluster_prefix "$1")-$2"; }      # $2: 1..N
cluster_node_dir()   { echo "$(payara_home)/glassfish/nodes/localhost-$1"; }
das_portbase()       { echo $(( $1 - 80 + 1000 )); }           # $1: balancer port
instance_portbase()  { echo $(( $1 - 80 + 100 * $2 )); }       # $1: balancer port, $2: instance number
instance_http_port() { echo $(( $1 + 100 * $2 )); }
# The balancer port the domain was made for (nothing when there is no such domain).
cluster_port()       { cat "$(payara_home)/glassfish/domains/$1/jointchat-cluster-port" 2>/dev/null || true; }
cluster_admin_port() { local p; p=$(cluster_port "$1"); [ -z "$p" ] || echo $(( $(das_portbase "$p") + 48 )); }
instance_log()       { echo "$(cluster_node_dir "$1")/$2/logs/server.log"; }
# The data grid's members on loopback (the DAS and instances 1..$2 of the cluster on balancer port $1, by the
# ports their domain gives them); empty when the grid is on another interface (Payara's domain discovery finds them).
cluster_grid_members() {
  local port=$1 count=$2 i members
  [ "$(grid_interface)" = 127.0.0.1 ] || return 0
  members="127.0.0.1:$(( $(das_portbase "$port") + 49 ))"
  for i in $(seq 1 "$count"); do members+=",127.0.0.1:$(( $(instance_portbase "$port" "$i") + 59 ))"; done
  echo "$members"
}

# The instances the domain has, in number order (read from domain.xml, which the DAS owns).
cluster_instances() {
  local xml prefix
  xml="$(payara_home)/glassfish/domains/$1/config/domain.xml" prefix=$(cluster_prefix "$1")
  [ -f "$xml" ] || return 0
  grep -oE "<server [^>]*name=\"$prefix-[0-9]+\"" "$xml" | grep -oE "$prefix-[0-9]+\"" | tr -d '"' \
    | sed "s/^$prefix-//" | sort -n | sed "s/^/$prefix-/"
}

# The JVM of instance $2 of domain $1, by the pid Payara records for it; fails when it does not run.
instance_pid() {
  local pid
  pid=$(cat "$(cluster_node_dir "$1")/$2/config/pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -- "nodes/localhost-$1/$2" >/dev/null && echo "$pid"
}

cluster_running() {
  local admin name
  admin=$(cluster_admin_port "$1")
  if [ -n "$admin" ] && domain_running "$admin"; then return 0; fi
  balancer_pid "$1" >/dev/null && return 0
  for name in $(cluster_instances "$1"); do instance_pid "$1" "$name" >/dev/null && return 0; done
  return 1
}

# The DAS gets none of JointChat's environment: the instances it starts inherit its environment, and they must
# run on the settings the domain holds (store_settings), whoever starts them. Its open-files limit they inherit.
start_das() {
  local unset=() variable
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  for variable in $(compgen -e | grep '^JOINTCHAT_' || true); do unset+=(-u "$variable"); done
  say "Starting Payara domain $1 (the cluster's DAS)..."
  env "${unset[@]}" bash "$(payara_home)/bin/asadmin" start-domain "$1" >/dev/null \
    || die "start-domain $1 failed; see $(payara_home)/glassfish/domains/$1/logs/server.log"
}

# Brings the running DAS of domain $1 (balancer port $2) to config + deployment group + instances 1..$3, making
# only what is missing, and gives the shared config the heap and HTTP pool start_domain gives a single domain
# (they apply when an instance starts).
configure_cluster() {
  local domain=$1 port=$2 count=$3 admin xml config group prefix name i portbase block current option threads commands
  admin=$(( $(das_portbase "$port") + 48 ))
  xml="$(payara_home)/glassfish/domains/$domain/config/domain.xml"
  config=$(cluster_config "$domain") group=$(cluster_group "$domain") prefix=$(cluster_prefix "$domain")
  commands=$(mktemp)
  grep -q "<config name=\"$config\"" "$xml" || echo "copy-config default-config $config" >> "$commands"
  grep -q "<deployment-group name=\"$group\"" "$xml" || echo "create-deployment-group $group" >> "$commands"
  for i in $(seq 1 "$count"); do
    name=$(cluster_instance "$domain" "$i") portbase=$(instance_portbase "$port" "$i")
    if ! cluster_instances "$domain" | grep -qx "$name"; then
      echo "create-instance --node localhost-$domain --config $config --portbase $portbase --systemproperties HZ_LISTENER_PORT=$(( portbase + 59 )) $name" >> "$commands"
      echo "add-instance-to-deployment-group --instance $name --deploymentgroup $group" >> "$commands"
    fi
  done
  for name in $(cluster_instances "$domain"); do
    [ "${name#"$prefix"-}" -gt "$count" ] || continue
    say "Removing instance $name (JOINTCHAT_INSTANCES=$count)."
    if instance_pid "$domain" "$name" >/dev/null; then echo "stop-instance $name" >> "$commands"; fi
    echo "delete-instance $name" >> "$commands"
  done
  asadmin_batch "$admin" "$commands"
  : > "$commands"
  block=$(awk -v start="<config name=\"$config\">" 'index($0, start) {on = 1} on {print} on && /<\/config>/ {exit}' "$xml")
  current=$(grep -o '<jvm-options>-Xmx[^<]*' <<<"$block" | sed 's/<jvm-options>//' || true)
  if [ "$current" != "-Xmx${JOINTCHAT_HEAP:-1g}" ]; then
    [ -z "$current" ] || echo "delete-jvm-options --target $config $current" >> "$commands"
    echo "create-jvm-options --target $config -Xmx${JOINTCHAT_HEAP:-1g}" >> "$commands"
  fi
  # Extra options the caller wants (test-server.sh). In a multimode file a colon is escaped twice.
  for option in ${JC_INSTANCE_JVM_OPTIONS:-}; do
    grep -qF "<jvm-options>$option</jvm-options>" <<<"$block" || echo "create-jvm-options --target $config ${option//:/\\\\:}" >> "$commands"
  done
  threads=${JOINTCHAT_HTTP_THREADS:-32}
  if ! grep -q "<thread-pool name=\"http-thread-pool\"[^>]*max-thread-pool-size=\"$threads\"" <<<"$block" \
     || ! grep -q '<thread-pool name="http-thread-pool"[^>]*max-queue-size="65536"' <<<"$block"; then
    echo "set configs.config.$config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=$threads configs.config.$config.thread-pools.thread-pool.http-thread-pool.max-queue-size=65536" >> "$commands"
  fi
  asadmin_batch "$admin" "$commands"
  rm -f "$commands"
}

# Starts the cluster of domain $1 (balancer on port $2, $3 instances), creating what is missing and reusing what
# exists; $4 (optional, a run): a WAR to deploy to the deployment group first, and the settings of the environment
# to store in the domain (store_settings, plus jointchat.cluster.enabled=true), where the instances get them;
# without it the instances start on the settings stored by the last run. Returns when the
# application answers through the balancer and on every instance.
start_cluster() {
  local domain=$1 port=$2 count=$3 war=${4:-} admin group i name output stopped=() ports=()
  [[ "$count" =~ ^[0-9]+$ ]] && (( count >= 2 && count <= JC_MAX_INSTANCES )) \
    || die "A cluster has 2 to $JC_MAX_INSTANCES instances (asked for $count)."
  admin=$(( $(das_portbase "$port") + 48 )) group=$(cluster_group "$domain")
  if ! balancer_pid "$domain" >/dev/null && port_open 127.0.0.1 "$port"; then
    die "Port $port is in use by another program: stop it (./jointchat stop, in whichever checkout started it) or choose another JOINTCHAT_PORT."
  fi
  if domain_exists "$domain" && [ "$(cluster_port "$domain")" != "$port" ]; then
    # Only with a WAR to deploy into the new domain (run), as for a single domain.
    [ -n "$war" ] || die "Domain $domain was made for port $(cluster_port "$domain"), not $port: start it with JOINTCHAT_PORT=$(cluster_port "$domain"), or remake it with ./jointchat run."
    say "Port changed to $port: recreating domain $domain (data stays in PostgreSQL)."
    stop_cluster "$domain"
    asadmin delete-domain "$domain" >/dev/null
    rm -rf "$(cluster_node_dir "$domain")"
  fi
  if ! domain_exists "$domain"; then
    create_domain "$domain" "$(das_portbase "$port")"
    echo "$port" > "$(payara_home)/glassfish/domains/$domain/jointchat-cluster-port"
  fi
  # The grid's interface is a setting of the run too: start and restart keep the last run's.
  local interface_file; interface_file="$(payara_home)/glassfish/domains/$domain/jointchat-grid-interface"
  if [ -n "$war" ]; then
    grid_interface > "$interface_file"
  elif [ -z "${JOINTCHAT_GRID_INTERFACE:-}" ] && [ -s "$interface_file" ]; then
    JOINTCHAT_GRID_INTERFACE=$(cat "$interface_file")
  fi
  domain_running "$admin" || start_das "$domain"
  ensure_admin_password "$admin"
  configure_cluster "$domain" "$port" "$count"
  if harden_domain "$domain" "$admin" "server-config $(cluster_config "$domain")" "$(grid_interface)" "$(cluster_grid_members "$port" "$count")"; then
    say "Restarting the DAS to apply its network settings (admin listeners and data grid on $(grid_interface); JMX, IIOP and JMS off)..."
    stop_cluster_instances "$domain"
    stop_domain "$domain"
    start_das "$domain"
  fi
  if [ -n "$war" ]; then
    # A run stores the settings it is given (and deletes those it is not); start and restart keep the last run's.
    export JOINTCHAT_CLUSTER_ENABLED=true
    # nginx, in front of the instances, is the one proxy whose X-Forwarded-For they believe.
    export JOINTCHAT_TRUSTED_PROXIES=${JOINTCHAT_TRUSTED_PROXIES:-127.0.0.1}
    store_settings "$admin" "$domain"
  fi
  for i in $(seq 1 "$count"); do
    name=$(cluster_instance "$domain" "$i")
    ports+=("$(instance_http_port "$port" "$i")")
    instance_pid "$domain" "$name" >/dev/null || stopped+=("$name")
  done
  if [ -n "$war" ]; then
    # Before the instances start, when they are down: they then load it once, at boot.
    say "Deploying $(basename "$war") to deployment group $group..."
    # An instance that fails to load it is only a warning to asadmin (exit status 0); one that is down is no failure.
    output=$(asadmin --port "$admin" deploy --target "$group" --availabilityenabled=true --force=true --contextroot / \
      --name jointchat "$war" 2>&1) && ! grep -qiE 'did not complete|fail' <<<"$output" \
      || die "Deployment to $group failed; see the instances' logs (./jointchat logs): $output"
  fi
  if [ "${#stopped[@]}" = "$count" ]; then
    say "Starting the $count instances of deployment group $group..."
    output=$(asadmin --port "$admin" start-deployment-group "$group" 2>&1) && ! grep -qiE 'did not complete|fail' <<<"$output" \
      || die "start-deployment-group $group failed; see the instances' logs: $output"
  else
    for name in "${stopped[@]}"; do
      say "Starting instance $name..."
      asadmin --port "$admin" start-instance "$name" >/dev/null || die "start-instance $name failed; see $(instance_log "$domain" "$name")"
    done
  fi
  start_balancer "$domain" "$port" "${ports[@]}"
  for i in $(seq 1 "$count"); do
    wait_ok "http://127.0.0.1:${ports[i-1]}/login.xhtml" 300 \
      || die "Instance $(cluster_instance "$domain" "$i") did not answer on port ${ports[i-1]}; see $(instance_log "$domain" "$(cluster_instance "$domain" "$i")")"
  done
  wait_ok "http://127.0.0.1:$port/login.xhtml" 60 || die "The balancer did not answer on port $port; see $(balancer_dir "$domain")/logs/error.log"
}

# Stops what start_cluster started: the instances, the balancer, the DAS. Does nothing when the domain does not run.
stop_cluster() {
  local domain=$1 admin
  stop_cluster_instances "$domain"
  admin=$(cluster_admin_port "$domain")
  stop_balancer "$domain"
  if [ -n "${admin:-}" ] && domain_running "$admin"; then
    say "Stopping Payara domain $domain (the cluster's DAS)..."
    stop_domain "$domain"
  fi
}

# Stops the running instances of domain $1 (through the DAS when it runs; without it, each by itself).
stop_cluster_instances() {
  local domain=$1 admin name running=()
  if domain_exists "$domain"; then
    for name in $(cluster_instances "$domain"); do instance_pid "$domain" "$name" >/dev/null && running+=("$name"); done
    admin=$(cluster_admin_port "$domain")
    if [ "${#running[@]}" -gt 0 ] && [ -n "$admin" ] && domain_running "$admin"; then
      (ensure_admin_password "$admin") || true
      if [ "${#running[@]}" = "$(cluster_instances "$domain" | wc -l)" ]; then
        say "Stopping the instances of deployment group $(cluster_group "$domain")..."
        asadmin --port "$admin" stop-deployment-group "$(cluster_group "$domain")" >/dev/null 2>&1 || true
      else
        # stop-deployment-group waits 10 minutes for an instance that was killed: only the living ones.
        say "Stopping instance(s) ${running[*]}..."
        for name in "${running[@]}"; do asadmin --port "$admin" stop-instance "$name" >/dev/null 2>&1 & done
        wait
      fi
    fi
    for name in "${running[@]}"; do   # left running without their DAS
      instance_pid "$domain" "$name" >/dev/null || continue
      asadmin stop-local-instance --nodedir "$(payara_home)/glassfish/nodes" --node "localhost-$domain" "$name" >/dev/null 2>&1 || true
    done
  fi
}

# A rolling restart (issue 24, item 4) of the running cluster of domain $1 (balancer port $2): one instance at a
# time is stopped (gracefully: its sockets are closed with 1012 "retry after 1 s" and come back through the
# balancer to the others; its readiness says DOWN and its handshakes are answered 503, which nginx passes to
# the next instance), started again, and waited for until its readiness is UP (it has warmed itself, see
# jointchat.warmup.*) before the next one goes. Sessions live in the data grid and tokens in PostgreSQL: nobody
# is signed out. An instance that does not come back ready stops the roll (the others keep serving).
rolling_restart_cluster() {
  local domain=$1 port=$2 admin i=0 name count started
  admin=$(cluster_admin_port "$domain")
  count=$(cluster_instances "$domain" | wc -l)
  for name in $(cluster_instances "$domain"); do
    i=$(( i + 1 ))
    started=$SECONDS
    say "Rolling restart: instance $name ($i of $count)..."
    if instance_pid "$domain" "$name" >/dev/null; then
      asadmin --port "$admin" stop-instance "$name" >/dev/null || die "stop-instance $name failed; see $(instance_log "$domain" "$name")"
    fi
    asadmin --port "$admin" start-instance "$name" >/dev/null || die "start-instance $name failed; see $(instance_log "$domain" "$name")"
    wait_ok "http://127.0.0.1:$(instance_http_port "$port" "${name##*-}")/health/ready" 300 \
      || die "Instance $name did not become ready (warmed, database reached) in 5 minutes; the others keep serving. See $(instance_log "$domain" "$name")"
    say "Rolling restart: $name is back and ready after $(( SECONDS - started )) s."
  done
}

# Whether every instance of domain $1, its DAS and its balancer run (a rolling restart needs them).
cluster_fully_running() {
  local domain=$1 admin name
  admin=$(cluster_admin_port "$domain")
  [ -n "$admin" ] && domain_running "$admin" && balancer_pid "$domain" >/dev/null || return 1
  for name in $(cluster_instances "$domain"); do instance_pid "$domain" "$name" >/dev/null || return 1; done
  [ -n "$(cluster_instances "$domain")" ]
}
