// hello-service: answers GET / with a greeting and GET /health with "ok".
const http = require('node:http');

function handler(request, response) {
  if (request.url === '/health') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok\n');
    return;
  }
  const greeting = process.env.GREETING || 'Hello from hello-service';
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ message: greeting, version: process.env.APP_VERSION || 'dev' }) + '\n');
}

function start(port = Number(process.env.PORT) || 8080, host = process.env.HOST || '127.0.0.1') {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

module.exports = { handler, start };

if (require.main === module) {
  start().then((server) => {
    const { address, port } = server.address();
    console.log(`hello-service listening on http://${address}:${port}`);
  });
}
