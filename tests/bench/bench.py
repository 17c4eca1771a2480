#!/usr/bin/python3
"""studyterm benchmark: prints figures and ratios against reference tools.

  1. `studyterm render --width 100` on synthetic 1 MB and 10 MB Markdown,
     time (best of N runs) and peak RSS, next to `cmark-gfm` with the same
     extensions on the same file (the floor: parsing alone);
  2. time from start to the first drawn reader screen on a 100 KB chapter,
     in headless mode (the app's own trace), and for the whole run;
  3. bank build: `studyterm bank build` on a synthetic native bank of
     100,000 questions in 10 files (gen_bank.py), as a user runs it (the
     course loaded to check sections), best of 3: questions/s against the
     target, and the size of the database;
  4. practice pick: bench_practice.c, compiled against the static library,
     loads that database into a catalog and times practice_next after a
     history of 30,000 answered questions, with no filter, one section and
     due only, against the target;
  5. mock exam: bench_exam.c on the same database: 1,000 seeded draws of a
     60-question exam weighted by chapter (target: under 5 ms), then 20
     whole attempts on a progress database, the start, the 60 saved
     answers, the submission (grading every question) and the results
     each timed.
Never a pass/fail test: it reports, people judge.
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BANK_QUESTIONS, BANK_FILES = 100000, 10
PKGS = ["ncursesw", "sqlite3", "libcmark-gfm"]


def run(cmd, stdin=None, env=None):
    """Runs cmd with output discarded; returns (seconds, peak RSS in KiB)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         stdin=stdin or subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit("bench: %s failed: %s" % (cmd[0], p.stderr.read().decode()))
    return elapsed, usage.ru_maxrss


def best(cmd, runs):
    results = [run(cmd) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def run_cpu(cmd):
    """Runs cmd with output discarded; returns (seconds, CPU seconds, peak RSS in KiB)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit("bench: %s failed: %s" % (cmd[0], p.stderr.read().decode()))
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def bank_build(binary, tmp):
    """Section 3; returns the path of the database it built."""
    bank = os.path.join(tmp, "bank")
    subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_bank.py"), bank,
                    str(BANK_QUESTIONS), str(BANK_FILES)], check=True)
    files = sorted(os.path.join(bank, f) for f in os.listdir(bank))
    size = sum(os.path.getsize(f) for f in files)
    db = os.path.join(tmp, "bank.sqlite")
    cmd = [binary, "--content", os.path.join(ROOT, "content"), "bank", "build", "-o", db] + files
    print("bank build: %s synthetic questions in %d files (gen_bank.py), %.1f MB of Markdown"
          " (%.0f bytes a question)" % (format(BANK_QUESTIONS, ","), len(files), size / (1 << 20),
                                       size / BANK_QUESTIONS))
    print("  studyterm --content content bank build -o bank.sqlite FILES (best of 3)")
    # One run whose report is shown: the bank must check clean to be a fair test.
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("bench: bank build failed:\n" + p.stderr + p.stdout[-2000:])
    print("  " + p.stdout.strip().splitlines()[-1].replace(db + ": ", ""))
    results = [run_cpu(cmd) for _ in range(3)]
    wall = min(r[0] for r in results)
    cpu = min(r[1] for r in results)
    rss = max(r[2] for r in results)
    rate = BANK_QUESTIONS / wall
    print("  time:     %8.2f s (CPU %.2f s), peak RSS %.1f MB" % (wall, cpu, rss / 1024))
    print("  speed:    %8s questions/s, %.1f MB/s of Markdown"
          % (format(round(rate), ","), size / (1 << 20) / wall))
    print("            target: 50,000 questions/s or better (now %.2fx of it)" % (rate / 50000))
    db_size = os.path.getsize(db)
    print("  db size:  %8.1f MB (%.2fx the Markdown, %.0f bytes per question)"
          % (db_size / (1 << 20), db_size / size, db_size / BANK_QUESTIONS))
    print()
    return db


def pkg_config(flag):
    return subprocess.run(["pkg-config", flag] + PKGS, capture_output=True, text=True,
                          check=True).stdout.split()


def practice_pick(binary, tmp, db):
    """Section 4: compiles and runs bench_practice.c on the database."""
    prog = os.path.join(tmp, "bench_practice")
    lib = os.path.join(os.path.dirname(binary), "libstudyterm.a")
    subprocess.run(["cc", "-std=c11", "-O2", "-g", "-Wall", "-Wextra",
                    "-I" + os.path.join(ROOT, "src")] + pkg_config("--cflags") +
                   ["-o", prog, os.path.join(HERE, "bench_practice.c"), lib] +
                   pkg_config("--libs") + ["-lm"], check=True)
    print("practice pick: the %s-question bank above (bench_practice.c)"
          % format(BANK_QUESTIONS, ","))
    p = subprocess.run([prog, db, "30000", "10000"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("bench: bench_practice failed: " + p.stderr)
    sys.stdout.write(p.stdout)
    print("  target: under 1 ms per pick")


def exam_draw(binary, tmp, db):
    """Section 5: compiles and runs bench_exam.c on the database."""
    prog = os.path.join(tmp, "bench_exam")
    lib = os.path.join(os.path.dirname(binary), "libstudyterm.a")
    subprocess.run(["cc", "-std=c11", "-O2", "-g", "-Wall", "-Wextra", "-pthread",
                    "-I" + os.path.join(ROOT, "src")] + pkg_config("--cflags") +
                   ["-o", prog, os.path.join(HERE, "bench_exam.c"), lib] +
                   pkg_config("--libs") + ["-lm", "-pthread"], check=True)
    print("\nmock exam: the %s-question bank above (bench_exam.c)" % format(BANK_QUESTIONS, ","))
    p = subprocess.run([prog, db, os.path.join(ROOT, "data", "sandbox"), "1000", "20"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("bench: bench_exam failed: " + p.stderr)
    sys.stdout.write(p.stdout)
    print("  target: drawing under 5 ms")


def exercise_runs(binary, tmp):
    """`studyterm exercise check` on solved exercises: the whole run (copy,
    fresh database, the learner's code, the checks), against what Python
    alone needs to start and import the libraries."""
    env = dict(os.environ, STUDYTERM_HOME=os.path.join(tmp, "exhome"), LANG="C.UTF-8")
    base = [binary, "--content", os.path.join(ROOT, "content"), "--data",
            os.path.join(ROOT, "data"), "exercise"]
    print("\nexercise runs: studyterm exercise check ID on the solution (best of 5)")
    bare = min(run(["/usr/bin/python3", "-I", "-B", "-c",
                    "import flask_sqlalchemy, flask_migrate"])[0] for _ in range(5))
    for ex, what in (("sql-select-basics", "SQL, in-process"),
                     ("orm-crud", "Python, 12 statements"),
                     ("orm-n-plus-one", "Python, SELECTs counted"),
                     ("migrate-add-column", "flask db: migrate, up, down, up")):
        ws = subprocess.run(base + ["path", ex], env=env, capture_output=True, text=True,
                            check=True).stdout.strip()
        subprocess.run(["cp", "-R", os.path.join(ROOT, "content", "exercises", ex, "solution") +
                        "/.", ws], check=True)
        times = [run(base + ["check", ex], env=env)[0] for _ in range(5)]
        t = min(times)
        if ex.startswith("sql-"):
            print("  %-20s %-32s %8.1f ms" % (ex, what, t * 1e3))
        else:
            print("  %-20s %-32s %8.1f ms  %5.2fx the bare import" % (ex, what, t * 1e3, t / bare))
    print("  %-20s %-32s %8.1f ms" % ("python3 -I -c", "import flask_sqlalchemy, flask_migrate",
                                     bare * 1e3))


def main():
    binary = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="studyterm-bench-")
    files = {}
    for label, size in (("1 MB", 1 << 20), ("10 MB", 10 << 20), ("100 KB", 100 << 10)):
        path = os.path.join(tmp, label.replace(" ", "") + ".md")
        with open(path, "w") as f:
            subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen.py"), str(size)],
                           stdout=f, check=True)
        files[label] = path

    print("studyterm bench (best of runs; RSS is peak resident memory)")
    print()
    print("%-6s %-34s %10s %10s" % ("file", "command", "time", "peak RSS"))
    for label in ("1 MB", "10 MB"):
        runs = 7 if label == "1 MB" else 3
        t_st, m_st = best([binary, "render", "--no-color", "--width", "100", files[label]], runs)
        t_cm, m_cm = best(["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink",
                           "-e", "tasklist", files[label]], runs)
        print("%-6s %-34s %8.1f ms %7.1f MB" % (label, "studyterm render --width 100",
                                               t_st * 1e3, m_st / 1024))
        print("%-6s %-34s %8.1f ms %7.1f MB" % (label, "cmark-gfm (4 extensions)",
                                               t_cm * 1e3, m_cm / 1024))
        print("%-6s %-34s %9.2fx %9.2fx" % (label, "ratio studyterm / cmark-gfm",
                                             t_st / t_cm, m_st / m_cm))
        mb = os.path.getsize(files[label]) / (1 << 20)
        print("%-6s %-34s %8.1f ms/MB" % (label, "studyterm per MB", t_st * 1e3 / mb))
        print()

    # First screen: a course with one 100 KB chapter, opened in the reader.
    course = os.path.join(tmp, "course")
    os.mkdir(course)
    os.rename(files["100 KB"], os.path.join(course, "01-chapter.md"))
    script = os.path.join(tmp, "keys")
    with open(script, "w") as f:
        f.write("dump\n")
    env = dict(os.environ, STUDYTERM_HOME=os.path.join(tmp, "home"), TERM="xterm-256color",
               LANG="C.UTF-8", STUDYTERM_TRACE_STARTUP="1")
    firsts, wholes = [], []
    for _ in range(15):
        start = time.perf_counter()
        p = subprocess.run([binary, "--content", course, "--headless", script, "--size", "100x40",
                            "read", "1"], env=env, capture_output=True, text=True, check=True)
        wholes.append(time.perf_counter() - start)
        for line in p.stderr.splitlines():
            if line.startswith("first-screen-us:"):
                firsts.append(int(line.split()[1]) / 1000)
    print("first reader screen, 100 KB chapter, headless 100x40 (best of 15)")
    print("  start to first drawn screen (in-process trace): %6.2f ms" % min(firsts))
    print("  whole run: start, draw, dump, exit:             %6.2f ms" % (min(wholes) * 1e3))
    print()
    sys.stdout.flush()

    db = bank_build(binary, tmp)
    sys.stdout.flush()
    practice_pick(binary, tmp, db)
    exam_draw(binary, tmp, db)
    sys.stdout.flush()
    exercise_runs(binary, tmp)
    subprocess.run(["rm", "-rf", tmp])


main()
