# A fork server for the AWS CLI v2 the API tests use as a client (test/unit/api/awscli-env.ts).
#
# Each `aws` process spends about 0.85 s of CPU in Python start-up and imports before it sends
# anything (`import awscli.clidriver`, then its handlers). This server does those once, in
# the interpreter named by the `aws` script's own #! line, and then forks once per call; the
# forked child takes the caller's stdin/stdout/stderr (passed over a Unix socket), its argv,
# environment and working directory, and runs the real `aws` script (runpy, as __main__), so
# everything from argument parsing to signing, HTTP, output and exit code is the AWS CLI's
# own code. A child is set up as a fresh `aws` process would be: the server has run no
# command before forking, so the CLI's state is what `import awscli.clidriver` leaves (the
# import also sets variables such as AWS_DATA_PATH, which the child keeps, as `aws` does);
# the random module is reseeded; SIGCHLD is back to its default (the objects the imports
# made are frozen out of garbage collection, see below). Start-up and that import
# read the environment, so only a call with exactly the server's environment is run this
# way; a call with any other environment execs the real `aws` instead.
#
#   INTERPRETER aws-cli-server.py serve SOCKET AWS   (INTERPRETER as AWS's #! line names it, with
#                                                     its options; prints "ready" once listening,
#                                                     exits when its stdin closes)
#   python3 -I -S aws-cli-server.py call SOCKET ARG...  (what a test runs instead of `aws ARG...`;
#                                                        exits as the CLI did)
import json
import os
import socket
import struct
import sys

def call(path, args):
    """The client: hands its stdio and request to the server and exits with the CLI's status."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    request = json.dumps({
        'argv': [os.fsencode(a).decode('latin-1') for a in args],
        'env': {k.decode('latin-1'): v.decode('latin-1') for k, v in os.environb.items()},
        'cwd': os.getcwd(),
    }).encode()
    socket.send_fds(sock, [struct.pack('!Q', len(request))], [0, 1, 2])
    sock.sendall(request)
    reply = b''
    while chunk := sock.recv(4096):
        reply += chunk
    status = json.loads(reply or b'{"exit": 1, "error": "the AWS CLI server closed the call"}')
    if 'signal' in status:
        import signal
        signal.signal(status['signal'], signal.SIG_DFL)
        os.kill(os.getpid(), status['signal'])
    if 'error' in status:
        sys.stderr.write(f"aws-cli-server: {status['error']}\n")
    sys.exit(status['exit'])


def receive(conn):
    header, fds, _flags, _addr = socket.recv_fds(conn, 8, 3)
    if len(header) != 8 or len(fds) != 3:
        raise ValueError('a call must send its request length and three file descriptors')
    (length,) = struct.unpack('!Q', header)
    body = b''
    while len(body) < length:
        chunk = conn.recv(length - len(body))
        if not chunk:
            raise ValueError('the call closed before its request was complete')
        body += chunk
    return json.loads(body), fds


def remember_machine_facts():
    """
    Works out, once, what every call would work out the same from this machine's read-only
    files, and keeps it where the CLI's own code looks (so a forked call finds it): the Linux
    distribution its User-Agent names (`distro` caches it; finding it runs lsb_release, a
    shell script, four times a call), and which services each model type has in the CLI's
    bundled data (a Loader lists them by walking ~2,000 folders, 0.25 s of CPU a call;
    remembered only for a Loader that searches nothing but the installed package's folders).
    """
    import awscli
    import distro
    from botocore import loaders  # the module the CLI uses (awscli aliases its vendored botocore)

    distro.id()
    distro.major_version()
    package = os.path.dirname(os.path.abspath(awscli.__file__)) + os.sep
    list_services = loaders.Loader.list_available_services
    remembered = {}

    def list_available_services(self, type_name):
        locations = tuple(self._potential_locations())
        if not all(location.startswith(package) for location in locations):
            return list_services(self, type_name)
        key = (locations, type_name)
        if key not in remembered:
            remembered[key] = list_services(self, type_name)
        return list(remembered[key])

    loaders.Loader.list_available_services = list_available_services
    # The search path a call's session has: the CLI's data (AWS_DATA_PATH, set by the import) and botocore's.
    session_paths = [*os.environ.get('AWS_DATA_PATH', '').split(os.pathsep), loaders.Loader.BUILTIN_DATA_PATH]
    loader = loaders.Loader(extra_search_paths=[p for p in session_paths if p and p != loaders.Loader.BUILTIN_DATA_PATH])
    for type_name in ('service-2', 'waiters-2', 'paginators-1', 'endpoint-rule-set-1'):
        list_available_services(loader, type_name)


def serve(path, aws):
    """Returns only in a forked child, set up as the call's process; the parent serves until stdin closes."""
    import gc
    import random
    import selectors
    import signal

    started_with = dict(os.environb)
    sys.path[0] = os.path.dirname(aws)  # the script's folder, as for `aws` itself
    # The imports every call would otherwise pay for: the CLI, and the handlers (all its
    # customizations and s3transfer) that creating its session imports.
    import awscli.clidriver  # noqa: F401
    import awscli.handlers  # noqa: F401
    remember_machine_facts()

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, 'accept')
    selector.register(wake_read, selectors.EVENT_READ, 'reap')
    selector.register(sys.stdin, selectors.EVENT_READ, 'quit')
    hung_up = set()  # pids whose caller went away (killed, say): the call is ended as the caller was
    calls = {}  # pid of a running call -> its connection
    # Objects that exist now are never collected, so a child's garbage collector does not
    # touch (and copy) the server's pages: a call costs half the CPU it would otherwise.
    gc.freeze()
    print('ready', flush=True)
    while True:
        for key, _ in selector.select():
            if key.data == 'quit':
                for pid in calls:
                    os.kill(pid, signal.SIGTERM)
                os.unlink(path)
                sys.exit(0)
            if isinstance(key.data, int):
                # A caller sends nothing after its request: readable means it closed.
                if key.data in calls and key.data not in hung_up:
                    selector.unregister(key.fileobj)
                    hung_up.add(key.data)
                    os.kill(key.data, signal.SIGTERM)
                continue
            if key.data == 'reap':
                os.read(wake_read, 4096)
                while calls:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                    if pid == 0:
                        break
                    conn = calls.pop(pid, None)
                    if conn is None:
                        continue
                    if pid in hung_up:
                        hung_up.discard(pid)
                    else:
                        selector.unregister(conn)
                        reply = {'signal': os.WTERMSIG(status)} if os.WIFSIGNALED(status) else {'exit': os.WEXITSTATUS(status)}
                        try:
                            conn.sendall(json.dumps(reply).encode())
                        except OSError:
                            pass
                    conn.close()
                continue
            conn, _ = listener.accept()
            try:
                request, fds = receive(conn)
            except (OSError, ValueError) as error:
                conn.sendall(json.dumps({'exit': 1, 'error': str(error)}).encode())
                conn.close()
                continue
            pid = os.fork()
            if pid:
                for fd in fds:
                    os.close(fd)
                calls[pid] = conn
                selector.register(conn, selectors.EVENT_READ, pid)
                continue
            # The child: nothing of the server stays open or installed.
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            selector.close()
            for other in [listener, conn, *calls.values()]:
                other.close()
            os.close(wake_read)
            os.close(wake_write)
            for target, fd in enumerate(fds):
                os.dup2(fd, target)
                os.close(fd)
            env = {k.encode('latin-1'): v.encode('latin-1') for k, v in request['env'].items()}
            argv = [aws, *(os.fsdecode(a.encode('latin-1')) for a in request['argv'])]
            os.chdir(request['cwd'])
            if env != started_with:
                os.execve(aws, argv, env)
            random.seed()
            sys.argv = argv
            return


if __name__ == '__main__':
    mode, path, *rest = sys.argv[1:]
    if mode == 'call':
        call(path, rest)
    aws = rest[0]
    serve(path, aws)
    # In the forked child: the real `aws` script, as the interpreter would run it. Its
    # sys.exit(rc), or an uncaught exception, ends this process as it would end `aws`.
    import runpy
    runpy.run_path(aws, run_name='__main__')
