#!/bin/sh
# Run a command and start it again whenever it exits, until this script is stopped.
# `make serve` and `make worker` keep the background worker alive with it; in production a
# real supervisor (systemd, supervisord) does the same job.
child=
trap '[ -n "$child" ] && kill "$child" 2>/dev/null; exit 0' INT TERM
while :; do
    "$@" &
    child=$!
    wait "$child"
    status=$?
    echo "supervise: '$*' exited with status $status; restarting in ${SUPERVISE_DELAY:-2} s" >&2
    sleep "${SUPERVISE_DELAY:-2}"
done
