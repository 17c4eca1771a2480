"""studyterm's Python harness: runs an exercise's driver against the
learner's code and tells studyterm what happened.

studyterm (src/sandbox/pyrunner.c) starts it in a fresh copy of the
learner's workspace (the run folder), with a clean environment and
limits on time, memory, processes and output:

    python3 -I -B studyterm_harness.py --run-dir DIR --driver FILE
            --records FD [--stack flask|stdlib]

It then
- points every Flask-SQLAlchemy app at DIR/sandbox.db, whatever URI the
  learner's code configures (SQLAlchemy.init_app is wrapped);
- records every statement sent to the database: SQLAlchemy's
  before_cursor_execute event on every Engine, and for the standard
  library, sqlite3.connect hands out connections whose cursors record;
- runs the exercise's driver.py (trusted: the exercise author's) as
  __main__; the driver imports the learner's modules and uses the
  functions below;
- writes records to file descriptor FD, one per line, each a type letter
  and fields "LEN:BYTES" (LEN in bytes, decimal), then "\\n":
      S sql params     a statement, params as JSON ("" for none)
      A name value     an answer for check.sql's `answers` table, as JSON
      E where message  the learner's code failed: where is "file:line"
                       of the learner's innermost frame ("" if none)
      V text           the versions in use, for the learner
  and tracebacks to stderr, the learner's file and line first.

Exit status: 0 when the driver finished, 1 when the learner's code
failed, 2 when the harness itself was started wrongly.

The driver's API (import studyterm_harness as st):
    st.answer(name, value)       record a value (JSON-able) under name
    st.call(name, fn, *a, **kw)  call the learner's fn; record its result
                                 as name, or report its error (answer
                                 NULL) and go on; returns the result
    st.run_commands(file)        run the learner's flask commands file,
                                 one command per line; False when one
                                 failed (reported, later lines not run)
    st.flask(*args)              run one flask command (the driver's own)
    st.DATABASE_URI, st.RUN_DIR  the sandbox database and the run folder
"""

import json
import logging
import os
import runpy
import shlex
import sys
import traceback

RUN_DIR = None
DATABASE_URI = None
_records = None
_driver = None
_failed = False


# ---------------------------------------------------------------- records


def _emit(kind, *fields):
    out = bytearray(kind.encode("ascii"))
    for field in fields:
        data = field.encode("utf-8", "replace")
        out += b"%d:" % len(data) + data
    out += b"\n"
    _records.write(bytes(out))
    _records.flush()


def _plain(value):
    """value as something json.dumps takes: tuples become lists, rows and
    other objects their str()."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    try:  # a SQLAlchemy Row is a tuple-like
        if hasattr(value, "_mapping"):
            return [_plain(v) for v in value]
    except Exception:
        pass
    return str(value)


def _json(value):
    return json.dumps(_plain(value), ensure_ascii=False, default=str)


def _statement(sql, params):
    _emit("S", str(sql), "" if params is None or params == () else _json(params))


# ---------------------------------------------------------------- the learner's files


def _is_learner_file(path):
    if not path or path.startswith("<"):
        return False
    path = os.path.abspath(path)
    return path.startswith(RUN_DIR + os.sep) and path != _driver


def _shown_path(path):
    """A path as the learner knows it: relative to the workspace."""
    if not path:
        return path
    absolute = os.path.abspath(path)
    if absolute.startswith(RUN_DIR + os.sep):
        return absolute[len(RUN_DIR) + 1:]
    if absolute == _driver:
        return "driver.py (the exercise's)"
    return path


def _message(exc):
    """The exception's text without SQLAlchemy's link to its web page,
    which stands on a line of its own or at the end of the message."""
    lines = []
    for line in str(exc).splitlines():
        cut = line.find("(Background on this error at:")
        if cut >= 0:
            line = line[:cut].rstrip()
        if line:
            lines.append(line)
    return "\n".join(lines).strip()


def _learner_where(exc):
    """'file:line' of the innermost frame in the learner's files."""
    if isinstance(exc, SyntaxError) and _is_learner_file(exc.filename):
        return "%s:%s" % (_shown_path(exc.filename), exc.lineno or 0)
    where = ""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        for frame in traceback.extract_tb(exc.__traceback__):
            if _is_learner_file(frame.filename):
                where = "%s:%d" % (_shown_path(frame.filename), frame.lineno)
        if where:
            return where
        exc = exc.__cause__ or exc.__context__
    return where


def report(exc, doing=None):
    """Reports exc as the learner's error: an E record (shown first, as
    "file:line: ..."), and on stderr a traceback of the learner's own
    frames, the library frames between them counted but left out."""
    global _failed
    _failed = True
    where = _learner_where(exc)
    name = type(exc).__name__
    text = "%s: %s" % (name, _message(exc)) if _message(exc) else name
    if doing:
        text = "%s: %s" % (doing, text)
    _emit("E", where, text)
    sys.stdout.flush()
    sys.stderr.write(_traceback_text(exc))
    sys.stderr.flush()


def _traceback_text(exc):
    """The traceback of exc as a learner wants it: the frames in their
    files and the driver's; the library frames only when there is no
    frame of theirs at all (then the error is not in their code)."""
    frames = traceback.extract_tb(exc.__traceback__)
    me = os.path.abspath(__file__)
    frames = [f for f in frames if os.path.abspath(f.filename) != me]
    own = [f for f in frames if _is_learner_file(f.filename)
           or os.path.abspath(f.filename) == _driver]
    if isinstance(exc, SyntaxError) and _is_learner_file(exc.filename):
        own = []
    shown = own if own else frames
    hidden = len(frames) - len(shown)
    if own and hidden:
        head = "Traceback (%d frame%s in libraries left out):\n" % (
            hidden, "" if hidden == 1 else "s")
    else:
        head = "Traceback (most recent call last):\n"
    lines = [head]
    for f in shown:
        lines.append('  File "%s", line %s, in %s\n' % (_shown_path(f.filename), f.lineno, f.name))
        if f.line:
            lines.append("    %s\n" % f.line.strip())
    for line in traceback.format_exception_only(type(exc), exc):
        for part in line.splitlines():
            cut = part.find("(Background on this error at:")
            if cut >= 0:
                part = part[:cut].rstrip()
                if not part:
                    continue
            part = part.replace('File "%s' % (RUN_DIR + os.sep), 'File "')
            lines.append(part + "\n")
    return "".join(lines)


# ---------------------------------------------------------------- recording


def _install_sqlite3():
    import sqlite3

    class RecordingCursor(sqlite3.Cursor):
        def execute(self, sql, parameters=(), /):
            _statement(sql, parameters)
            return super().execute(sql, parameters)

        def executemany(self, sql, seq_of_parameters, /):
            rows = list(seq_of_parameters)
            _statement(sql, rows)
            return super().executemany(sql, rows)

        def executescript(self, script, /):
            _statement(script, None)
            return super().executescript(script)

    class RecordingConnection(sqlite3.Connection):
        def cursor(self, factory=RecordingCursor):
            return super().cursor(factory)

        def execute(self, sql, parameters=(), /):
            return self.cursor().execute(sql, parameters)

        def executemany(self, sql, seq_of_parameters, /):
            return self.cursor().executemany(sql, seq_of_parameters)

        def executescript(self, script, /):
            return self.cursor().executescript(script)

    original = sqlite3.connect

    # sqlite3.connect only: SQLAlchemy calls sqlite3.dbapi2.connect, which
    # stays as it was, so its statements are not recorded twice.
    def connect(database, *args, **kwargs):
        kwargs.setdefault("factory", RecordingConnection)
        return original(database, *args, **kwargs)

    connect.__doc__ = original.__doc__
    sqlite3.connect = connect


def _install_sqlalchemy():
    try:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
    except ImportError:
        return None

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        _statement(statement, parameters)

    event.listen(Engine, "before_cursor_execute", before_cursor_execute)
    import sqlalchemy

    versions = ["SQLAlchemy %s" % sqlalchemy.__version__]
    try:
        import flask_sqlalchemy
    except ImportError:
        return versions
    original = flask_sqlalchemy.SQLAlchemy.init_app

    def init_app(self, app, *args, **kwargs):
        app.config["SQLALCHEMY_DATABASE_URI"] = DATABASE_URI
        return original(self, app, *args, **kwargs)

    init_app.__doc__ = original.__doc__
    flask_sqlalchemy.SQLAlchemy.init_app = init_app
    versions.insert(0, "Flask-SQLAlchemy %s" % _version("flask_sqlalchemy", "Flask-SQLAlchemy"))
    try:
        import flask_migrate  # noqa: F401

        versions.append("Flask-Migrate %s" % _version("flask_migrate", "Flask-Migrate"))
        import alembic

        versions.append("Alembic %s" % alembic.__version__)
    except ImportError:
        pass
    return versions


def _version(module, dist):
    """The version of the module that was imported: its distribution's,
    when that distribution holds the module's file, else the module's own
    __version__ (read without its deprecation warning), else "?"."""
    imported = sys.modules.get(module)
    where = os.path.realpath(getattr(imported, "__file__", "") or "")
    try:
        from importlib.metadata import distribution

        found = distribution(dist)
        root = os.path.realpath(str(found.locate_file("")))
        if where.startswith(root + os.sep):
            return found.version
    except Exception:
        pass
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return str(getattr(imported, "__version__", "?"))


# ---------------------------------------------------------------- the driver's API


def answer(name, value):
    _emit("A", str(name), _json(value))


def call(name, fn, *args, **kwargs):
    try:
        result = fn(*args, **kwargs)
    except Exception as exc:
        report(exc, "%s()" % getattr(fn, "__name__", name))
        answer(name, None)
        return None
    answer(name, result)
    return result


class _LastError:
    """Keeps the last error a command logs (Flask-Migrate logs Alembic's
    errors, then exits with status 1). Alembic's env.py reconfigures
    logging (fileConfig replaces handlers), so this looks at every record
    a logger hands to its handlers instead of being one of them."""

    def __init__(self):
        self.text = None
        self._original = logging.Logger.callHandlers
        last = self

        def call_handlers(logger, record):
            if record.levelno >= logging.ERROR:
                try:
                    last.text = record.getMessage().strip()
                except Exception:
                    pass
            return last._original(logger, record)

        logging.Logger.callHandlers = call_handlers

    def close(self):
        logging.Logger.callHandlers = self._original


def _flask(args, where):
    import click
    from flask.cli import cli

    os.environ.setdefault("FLASK_APP", "app")
    print("$ flask %s" % " ".join(shlex.quote(a) for a in args), flush=True)
    last = _LastError()
    try:
        cli.main(args=list(args), prog_name="flask", standalone_mode=False)
        return True
    except SystemExit as exc:
        if exc.code in (0, None):
            return True
        if last.text:
            why = last.text.splitlines()[0]
            if why.startswith("Error: "):
                why = why[len("Error: "):]
        else:
            why = "it exited with status %s (its messages are in the output)" % exc.code
    except click.exceptions.Abort:
        why = "it was aborted"
    except click.exceptions.ClickException as exc:
        exc.show()
        why = exc.format_message()
    except Exception as exc:
        report(exc, "flask %s" % " ".join(args))
        return False
    finally:
        last.close()
    global _failed
    _failed = True
    sys.stderr.flush()
    _emit("E", where, "flask %s failed: %s" % (" ".join(args), why))
    return False


def flask(*args):
    return _flask([str(a) for a in args], "")


def run_commands(path="commands.sh"):
    """Runs the learner's commands file: one flask command per line."""
    full = os.path.join(RUN_DIR, path)
    try:
        with open(full, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as exc:
        global _failed
        _failed = True
        _emit("E", path, "cannot read your commands: %s" % exc.strerror)
        return False
    ran = 0
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        where = "%s:%d" % (path, number)
        try:
            words = shlex.split(text, comments=True)
        except ValueError as exc:
            _failed = True
            _emit("E", where, "cannot read this command: %s" % exc)
            return False
        if not words:
            continue
        if words[0] != "flask":
            _failed = True
            _emit("E", where, "only flask commands run here, not '%s'" % words[0])
            return False
        ran += 1
        if not _flask(words[1:], where):
            return False
    if ran == 0:
        _failed = True
        _emit("E", path, "it holds no command yet (only comments)")
        return False
    return True


# ---------------------------------------------------------------- main


def _arguments(argv):
    wanted = {"--run-dir": None, "--driver": None, "--records": None, "--stack": "flask"}
    i = 0
    while i < len(argv):
        if argv[i] not in wanted or i + 1 >= len(argv):
            raise ValueError("unknown or incomplete argument %r" % argv[i])
        wanted[argv[i]] = argv[i + 1]
        i += 2
    for key in ("--run-dir", "--driver", "--records"):
        if wanted[key] is None:
            raise ValueError("%s is required" % key)
    return wanted


def main(argv):
    global RUN_DIR, DATABASE_URI, _records, _driver
    try:
        args = _arguments(argv)
        _records = os.fdopen(int(args["--records"]), "wb", buffering=0)
    except (ValueError, OSError) as exc:
        sys.stderr.write("studyterm_harness: %s\n" % exc)
        return 2
    RUN_DIR = os.path.realpath(args["--run-dir"])
    _driver = os.path.realpath(args["--driver"])
    DATABASE_URI = "sqlite:///" + os.path.join(RUN_DIR, "sandbox.db")
    # The driver says `import studyterm_harness`: that is this module.
    sys.modules["studyterm_harness"] = sys.modules[__name__]
    os.chdir(RUN_DIR)
    sys.path.insert(0, RUN_DIR)
    sys.argv = [_driver]
    _install_sqlite3()
    versions = ["Python %d.%d.%d" % sys.version_info[:3]]
    if args["--stack"] == "flask":
        try:
            import flask

            versions.append("Flask %s" % _version("flask", "Flask"))
        except ImportError:
            pass
        versions[1:1] = _install_sqlalchemy() or []
    _emit("V", ", ".join(versions))
    try:
        runpy.run_path(_driver, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (0, None):
            _emit("E", "", "the program called exit(%s)" % exc.code)
            return 1
    except BaseException as exc:  # KeyboardInterrupt, MemoryError...
        report(exc)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 1 if _failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
