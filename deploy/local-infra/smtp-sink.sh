#!/usr/bin/env bash
# A real SMTP server that keeps what it receives: Debian's aiosmtpd with its Maildir handler.
#   smtp-sink.sh ensure                 installs python3-aiosmtpd if missing (the tests start their own sinks)
#   smtp-sink.sh run <port> <maildir>   also runs one on 127.0.0.1:<port>, one file per message in <maildir>/new
# Debian's interpreter by path: a python3 earlier on PATH (pyenv and the like) does not see Debian's modules.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

python=/usr/bin/python3
[ -x "$python" ] || apt_install python3
"$python" -c 'import aiosmtpd' 2>/dev/null || apt_install python3-aiosmtpd

case "${1:-ensure}" in
  ensure) ;;
  run)
    port=${2:?port}
    maildir=${3:?maildir}
    mkdir -p "$maildir"/{tmp,new,cur} # whole: the handler creates these only in a directory that does not exist
    exec "$python" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$maildir"
    ;;
  *) die "usage: smtp-sink.sh ensure | run <port> <maildir>" ;;
esac
