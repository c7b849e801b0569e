# private-apt.sh: sourced (". qemu/private-apt.sh") by the scripts that
# fetch Debian packages or sources without touching the system's apt
# set-up: fetch-source.sh, fetch-debs.sh, build-libcap.sh.
#
# An apt set-up of their own lives in a folder APT_DIR: the package lists
# and the cache, and, for a suite or source packages the system's lists do
# not have, a sources.list. Nothing is installed.
#
#   private_apt_init APT_DIR [SOURCES_LINE] [APT_OPTION...]
#	makes APT_DIR and sets $apt, the apt-get command line that uses it;
#	with SOURCES_LINE (a "deb" or "deb-src" line), APT_DIR/sources.list
#	holds that line alone and replaces the system's lists
#   private_apt_update TAG
#	apt-get update, tried three times: a mirror in the middle of a sync
#	fails one index now and then (TAG prefixes the messages)
#   private_apt_run COMMAND...
#	runs $apt COMMAND... in APT_DIR/debs (where apt-get download and
#	apt-get source put what they fetch); on failure prints the logs and
#	exits 1
#   debian_mirror
#	prints the first Debian mirror of the system's lists (one-line or
#	deb822 form), or deb.debian.org

debian_mirror() {
	_mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		     /etc/apt/sources.list.d/*.sources 2>/dev/null |
		 sed -n -e 's|^deb \(\[[^]]*\] \)\{0,1\}\(https\{0,1\}://[^ ]*/debian/\{0,1\}\) .*|\2|p' \
			-e 's|^URIs: \(https\{0,1\}://[^ ]*/debian/\{0,1\}\)$|\1|p' | head -n 1)
	echo "${_mirror:-http://deb.debian.org/debian}"
}

private_apt_init() {
	apt_dir=$(realpath -m "$1")
	shift
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
		"$apt_dir/debs"
	apt="apt-get -q -o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache"
	case ${1-} in
	deb\ *|deb-src\ *)
		echo "$1" >"$apt_dir/sources.list"
		apt="$apt -o Dir::Etc::SourceList=$apt_dir/sources.list"
		apt="$apt -o Dir::Etc::SourceParts=/dev/null"
		shift
		;;
	esac
	for _option in "$@"; do
		apt="$apt -o $_option"
	done
}

private_apt_update() {
	for _attempt in 1 2 3; do
		$apt update >"$apt_dir/update.log" 2>&1 && return 0
		echo "  $1 apt-get update failed (attempt $_attempt)" >&2
		sleep 5
	done
	# Go on with what was fetched: the download says if a package is
	# missing.
	return 0
}

private_apt_run() {
	(cd "$apt_dir/debs" && $apt "$@") >"$apt_dir/download.log" 2>&1 || {
		cat "$apt_dir/update.log" "$apt_dir/download.log" >&2
		echo "error: apt-get $* failed" >&2
		exit 1
	}
}
