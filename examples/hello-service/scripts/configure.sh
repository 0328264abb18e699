#!/bin/sh
# AfterInstall: pick this instance's port (instances on one machine need distinct ports).
# A release keeps the port the instance had, while it is free (ApplicationStop stopped the
# old service), so URLs printed before a release still work after it.
set -e
APP="$SLIPWAY_INSTANCE_ROOT/srv/hello-service"
free_port() { node -e 'const s=require("net").createServer();s.once("error",()=>process.exit(1));s.listen(Number(process.argv[1]),"127.0.0.1",()=>{console.log(s.address().port);s.close()})' "$1"; }
PORT="${HELLO_PORT:-}"
if [ -z "$PORT" ] && [ -f "$APP/port" ]; then PORT="$(free_port "$(cat "$APP/port")" 2>/dev/null || true)"; fi
[ -n "$PORT" ] || PORT="$(free_port 0)"
echo "$PORT" > "$APP/port"
echo "configured hello-service on port $PORT"
