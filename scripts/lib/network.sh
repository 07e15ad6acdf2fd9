# Only HTTP(S) faces the network (docs/operations.md, "Network exposure and the data grid"). Both the single
# domain and the cluster get: the admin listener on loopback (a cluster's admin listeners on the grid interface),
# the data grid on the grid interface with a cluster name derived from the shared secret, H2's server on
# loopback, JMX, IIOP and the JMS broker off, no product or version in Server / X-Powered-By.
# Sourced by scripts/common.sh, not run.

# The interface the data grid (and a cluster's admin listeners) bind to: loopback unless a multi-host cluster
# names its own with JOINTCHAT_GRID_INTERFACE (an address of this machine).
grid_interface() { echo "${JOINTCHAT_GRID_INTERFACE:-127.0.0.1}"; }

# Gives the admin user of the running domain on admin port $1 the generated password when it has none yet
# (a domain made with --nopassword by an earlier version).
ensure_admin_password() {
  local port=$1 file output
  asadmin --port "$port" uptime >/dev/null 2>&1 && return 0
  file=$(mktemp); chmod 600 "$file"
  printf 'AS_ADMIN_PASSWORD=\nAS_ADMIN_NEWPASSWORD=%s\n' "$(admin_password)" > "$file"
  say "Giving the domain's admin user its generated password ($(admin_password_file))..."
  output=$(JC_PASSWORDFILE=$file asadmin --port "$port" change-admin-password 2>&1) || true
  rm -f "$file"
  asadmin --port "$port" uptime >/dev/null 2>&1 \
    || die "asadmin cannot sign in on admin port $port with the password in $(admin_password_file): $output"
}

# Applies the network settings to the running DAS of domain $1 (admin port $2) for the configs $3 (space-separated:
# server-config, and a cluster's config) with the admin listeners on $4; the grid's members are $5 (host:port,
# comma-separated; empty: Payara's domain discovery). Idempotent; returns 0 when something changed that the
# DAS applies only when it starts again (the caller restarts it), 1 when nothing changed.
harden_domain() {
  local domain=$1 port=$2 configs=$3 admin_address=$4 members=$5 xml before commands config p l iface name mode grid output option section
  xml="$(payara_home)/glassfish/domains/$domain/config/domain.xml"
  iface=$(grid_interface)
  before=$(domain_fingerprint "$xml")
  commands=$(mktemp)
  for config in $configs; do
    p="configs.config.$config"
    {
      printf 'set %s' "$p.network-config.network-listeners.network-listener.admin-listener.address=$admin_address"
      # JMX: off (nothing here uses it; asadmin talks to the admin listener), on loopback and authenticated if enabled.
      printf ' %s %s %s' "$p.admin-service.jmx-connector.system.enabled=false" "$p.admin-service.jmx-connector.system.address=127.0.0.1" \
        "$p.admin-service.jmx-connector.system.security-enabled=true"
      # The JMS broker: off (its port would face the network); with it, the recovery of XA transactions at start,
      # which only looks for the broker (the application's one database needs none; server-config has it off).
      printf ' %s %s' "$p.jms-service.type=DISABLED" "$p.transaction-service.automatic-recovery=false"
      for l in orb-listener-1 SSL SSL_MUTUALAUTH; do
        printf ' %s %s' "$p.iiop-service.iiop-listener.$l.enabled=false" "$p.iiop-service.iiop-listener.$l.address=127.0.0.1"
      done
      for l in http-listener-1 http-listener-2 admin-listener; do
        printf ' %s %s' "$p.network-config.protocols.protocol.$l.http.server-header=false" "$p.network-config.protocols.protocol.$l.http.xpowered-by=false"
      done
      # Issue 24 (handshake): the application's listeners without Grizzly's own WebSocket add-on (it cannot serve
      # @ServerEndpoint; Tyrus serves /ws through the servlet upgrade); plain HTTP without HTTP/2 (browsers use it
      # over TLS only; HTTPS keeps it for pages). docs/operations.md.
      for l in http-listener-1 http-listener-2; do
        printf ' %s' "$p.network-config.protocols.protocol.$l.http.websockets-support-enabled=false"
      done
      printf ' %s' "$p.network-config.protocols.protocol.http-listener-1.http.http2-enabled=false"
      echo
    } >> "$commands"
    # Hazelcast binds to every interface unless told not to, whatever its interfaces say; H2's server (Payara's EJB
    # timer database, AUTO_SERVER on a cluster's DAS) to every interface unless given one.
    # (The config's section is read whole first: `awk | grep -q` fails now and then under pipefail, when grep has
    # its match and leaves before awk has written everything, and the option would be created a second time.)
    section=$(awk -v start="<config name=\"$config\">" 'index($0, start) {on = 1} on {print} on && /<\/config>/ {exit}' "$xml")
    for option in -Dhazelcast.socket.bind.any=false -Dh2.bindAddress=127.0.0.1; do
      grep -qF "<jvm-options>$option</jvm-options>" <<<"$section" \
        || echo "create-jvm-options --target $config $option" >> "$commands"
    done
  done
  asadmin_batch "$port" "$commands"
  rm -f "$commands"
  # The data grid, by itself and only when it differs: in multimode, set-hazelcast-configuration "fails" on the
  # mere warning that a stopped instance did not get it (it is applied all the same).
  name=$(grid_cluster_name "$domain") mode=domain
  [ -z "$members" ] || mode=tcpip
  grid=$(grep -o '<hazelcast-runtime-configuration [^>]*>' "$xml" || true)
  grid_attribute() { grep -o " $1=\"[^\"]*\"" <<<"$grid" | cut -d'"' -f2; }
  if [ "$(grid_attribute cluster-group-name)" != "$name" ] || [ "$(grid_attribute interface)" != "$iface" ] \
     || [ "$(grid_attribute das-bind-address)" != "$iface" ] || [ "$(grid_attribute discovery-mode)" != "$mode" ] \
     || { [ -n "$members" ] && [ "$(grid_attribute tcpip-members)" != "$members" ]; }; then
    output=$(asadmin --port "$port" set-hazelcast-configuration --clustername "$name" --interfaces "$iface" --dasbindaddress "$iface" \
      --clustermode "$mode" ${members:+--tcpipmembers "$members"} 2>&1) \
      || die "asadmin on port $port: set-hazelcast-configuration: $output"
  fi
  [ "$(domain_fingerprint "$xml")" != "$before" ]
}

# What domain.xml $1 says, whatever the order of each element's attributes (Payara writes them in another order each
# time it saves the file): its words, sorted.
domain_fingerprint() { sed -e 's#/\{0,1\}>#\n&#g' "$1" | tr -s ' \t' '\n\n' | sort | sha256sum; }
