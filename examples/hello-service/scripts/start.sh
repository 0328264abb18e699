#!/bin/sh
# ApplicationStart: start the service detached, recording its pid.
set -e
APP="$SLIPWAY_INSTANCE_ROOT/srv/hello-service"
PORT="$(cat "$APP/port")"
cd "$APP"
PORT="$PORT" nohup node src/server.js > "$APP/service.log" 2>&1 &
echo $! > "$APP/service.pid"
echo "started hello-service (pid $(cat "$APP/service.pid")) on http://127.0.0.1:$PORT"
