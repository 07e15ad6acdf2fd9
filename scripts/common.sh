# Shared by ./jointchat and scripts/test-server.sh: PostgreSQL provisioning and Payara domain control.
# Sourced, not run. Everything it starts it can stop again; it never touches processes it did not start.
# The functions live by concern in scripts/lib/ (sourced below, in this order); nginx.conf is a template in
# scripts/templates/.

JC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JC_RUNTIME="$JC_ROOT/.runtime"
# One generated database password per machine user, shared by every clone, never committed.
JC_CONFIG_DIR=${JOINTCHAT_CONFIG_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/jointchat}
JC_DB_ROLE=jointchat

# log: say, die · secrets: generated passwords · net: ports, waiting for URLs · apt: Debian packages (ensure_*)
# postgres: the database · payara: domains and asadmin · settings: the application's settings in a domain
# network: only HTTP faces the network · cluster: DAS, deployment group, instances · nginx: the cluster's balancer
# admin: ./jointchat admin (administrators, with psql) · keycloak: the identity provider of the SSO tests (issue 23)
# wildfly: the second application server (issue 25)
for jc_lib in log secrets net apt postgres payara settings network cluster nginx admin keycloak wildfly; do
  . "$JC_ROOT/scripts/lib/$jc_lib.sh"
done
unset jc_lib
