#!/usr/bin/python3
"""studyterm benchmark: prints figures and ratios against reference tools.

  1. `studyterm render --width 100` on synthetic 1 MB and 10 MB Markdown,
     time (best of N runs) and peak RSS, next to `cmark-gfm` with the same
     extensions on the same file (the floor: parsing alone);
  2. time from start to the first drawn reader screen on a 100 KB chapter,
     in headless mode (the app's own trace), and for the whole run.
Never a pass/fail test: it reports, people judge.
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


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
    subprocess.run(["rm", "-rf", tmp])


main()
