#!/bin/sh
# ValidateService: the deployment succeeds only if the service answers over HTTP.
APP="$SLIPWAY_INSTANCE_ROOT/srv/hello-service"
PORT="$(cat "$APP/port")"
i=0
while [ $i -lt 50 ]; do
  if node -e "fetch('http://127.0.0.1:$PORT/health').then(r=>r.text()).then(t=>process.exit(t.trim()==='ok'?0:1),()=>process.exit(1))"; then
    echo "hello-service answers on http://127.0.0.1:$PORT"
    exit 0
  fi
  i=$((i + 1))
  sleep 0.2
done
echo "hello-service does not answer on port $PORT" >&2
exit 1
