#!/bin/sh
# ApplicationStop: stop the previous revision's service on this instance, if it runs.
PIDFILE="$SLIPWAY_INSTANCE_ROOT/srv/hello-service/service.pid"
if [ -f "$PIDFILE" ]; then
  kill "$(cat "$PIDFILE")" 2>/dev/null || true
  rm -f "$PIDFILE"
fi
echo "stopped hello-service on $SLIPWAY_INSTANCE_NAME"
