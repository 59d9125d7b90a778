"""`python -m medical_coding_salaries.build`: the build's command (build.cli, with the same arguments), whose kernels'
fork server is started before anything else.

The server's imports are the longest part of a build's start, and the command's own imports take a sixth of a
second before build.cli would start it; here only the standard library is imported first. A server that turns out
not to be needed (every notebook in the cache, bad parameters) is ended at once, as build.cli ends its own.
"""

from __future__ import annotations

import sys

from medical_coding_salaries.errors import INTERRUPTED_MESSAGE

try:
    import argparse
    import signal

    from medical_coding_salaries.build.forkserver import FORKING, ForkServer
except KeyboardInterrupt:  # Ctrl-C as the command starts: nothing is started yet
    sys.stderr.write(f"{INTERRUPTED_MESSAGE}\n")
    raise SystemExit(130) from None


def uses_kernels(argv: list[str]) -> bool:
    """Whether the command `argv` may run notebooks in the shared engine's kernels (not papermill's, not --help)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--engine", default="shared")
    parser.add_argument("-h", "--help", action="store_true")
    known, _ = parser.parse_known_args(argv)
    return known.engine == "shared" and not known.help


def interrupt(signum: int, frame: object) -> None:
    """SIGTERM or SIGHUP before build.cli handles them (as it does SIGINT): an interrupt, which ends the server
    started here."""
    raise KeyboardInterrupt


def main(argv: list[str]) -> None:
    """Start the fork server, then run build.cli's command; exit with its status (cli.exit_now). An interrupt
    before build.cli handles them (Ctrl-C or SIGTERM while its modules are imported or its arguments read) ends the
    server and says so in one line, as build.cli would."""
    for name in ("SIGTERM", "SIGHUP"):  # until build.cli puts its own handlers in place
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)
    server = engine = None
    try:
        server = ForkServer() if FORKING and uses_kernels(argv) else None
        from medical_coding_salaries.build import cli, engine

        if server is not None:
            engine.prestart(server)  # the engine's to use or to end from now on
            server = None
        status = cli.main(argv)
    except KeyboardInterrupt:
        if server is not None:
            server.close()
        if engine is not None:
            engine.discard_prestarted()
        print(INTERRUPTED_MESSAGE, file=sys.stderr)
        sys.exit(130)
    cli.exit_now(status)


if __name__ == "__main__":
    main(sys.argv[1:])
