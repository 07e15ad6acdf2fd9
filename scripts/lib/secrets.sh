# Secrets generated once per machine user and kept under ~/.config/jointchat (mode 600), never in the repository.
# Sourced by scripts/common.sh, not run.

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }   # $1: bytes

# The domains' admin user has a generated password, one per machine user like the database's, kept in
# ~/.config/jointchat/admin.env (mode 600) in asadmin's --passwordfile format and never in the repository.
JC_ADMIN_USER=admin
admin_password_file() {
  local file="$JC_CONFIG_DIR/admin.env"
  if [ ! -s "$file" ]; then
    (umask 077; mkdir -p "$JC_CONFIG_DIR"; printf 'AS_ADMIN_PASSWORD=%s\n' "$(random_hex 18)" > "$file")
  fi
  echo "$file"
}
admin_password() { sed -n 's/^AS_ADMIN_PASSWORD=//p' "$(admin_password_file)"; }

# The data grid's shared secret, generated once per machine user (~/.config/jointchat/grid.env, mode 600). The
# domains keep it as the password alias jointchat.cluster.secret (the application seals what it publishes on the
# grid with it), and the grid's cluster name is derived from it (a member that does not know it is not let in).
grid_secret() {
  local file="$JC_CONFIG_DIR/grid.env"
  if [ -n "${JOINTCHAT_CLUSTER_SECRET:-}" ]; then echo "$JOINTCHAT_CLUSTER_SECRET"; return; fi   # a multi-host cluster's own
  if [ ! -s "$file" ]; then
    (umask 077; mkdir -p "$JC_CONFIG_DIR"; printf 'JOINTCHAT_CLUSTER_SECRET=%s\n' "$(random_hex 32)" > "$file")
  fi
  sed -n 's/^JOINTCHAT_CLUSTER_SECRET=//p' "$file"
}
# $1: domain. One-way: domain.xml shows the name, never the secret.
grid_cluster_name() { echo "$1-$(printf 'jointchat grid name\n%s' "$(grid_secret)" | sha256sum | cut -c1-32)"; }
