#!/bin/sh
# AfterInstall: pick this instance's port (instances on one machine need distinct ports).
set -e
APP="$SLIPWAY_INSTANCE_ROOT/srv/hello-service"
PORT="${HELLO_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
echo "$PORT" > "$APP/port"
echo "configured hello-service on port $PORT"
