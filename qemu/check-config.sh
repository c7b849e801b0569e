#!/bin/sh
# check-config.sh CONFIG FRAGMENT...
#
# Fails, naming each one, if an option that a FRAGMENT asks for is not in
# CONFIG as asked: kconfig silently drops options whose dependencies are
# not met, and a guest without them fails in ways far from the cause.
set -eu

config=$1
shift
[ -r "$config" ] || { echo "error: no $config to check" >&2; exit 1; }
status=0
for fragment in "$@"; do
	# "CONFIG_X=v" lines and "# CONFIG_X is not set" lines.
	sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*=.*\)$/\1/p' \
		-e 's/^\(# CONFIG_[A-Za-z0-9_]* is not set\)$/\1/p' "$fragment" |
	while IFS= read -r wanted; do
		if [ "${wanted#\#}" != "$wanted" ]; then
			option=${wanted#\# }
			option=${option%% *}
			grep -q "^$option=" "$config" || continue
		else
			grep -qxF "$wanted" "$config" && continue
			option=${wanted%%=*}
		fi
		got=$(grep -E "^(# )?$option[= ]" "$config" || echo "absent")
		echo "$fragment: wants '$wanted', got '$got'"
	done
done >"$config.unmet"
if [ -s "$config.unmet" ]; then
	cat "$config.unmet" >&2
	echo "error: kconfig did not take these options; check their dependencies" >&2
	status=1
fi
rm -f "$config.unmet"
exit $status
