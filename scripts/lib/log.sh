# Messages to the operator: progress on stderr, and a fatal error that ends the script.
# Sourced by scripts/common.sh, not run.

say()  { printf '[jointchat] %s\n' "$*" >&2; }
die()  { printf '[jointchat] ERROR: %s\n' "$*" >&2; exit 1; }
