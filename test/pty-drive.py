"""Drive a command in a pseudo-terminal for tests: wait for each prompt, type the answer, print {code, output} as JSON.

usage: pty-drive.py '<json: {"argv": [...], "env": {...}, "cwd": "...", "cols": 80, "steps": [{"expect": "regex", "send": "text"}]}>'
"cols" gives the terminal a width (a fresh pseudo-terminal reports 0 columns, where wa-ops shows no spinner).
A send of "\\u0003" is Ctrl-C; a step {"expect": ..., "signal": "SIGTERM"} sends the process a signal instead. Each expect waits at most 15 s.
"""
import fcntl, json, os, pty, re, select, signal, struct, sys, termios, time

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec.get("cwd") or ".")
    if spec.get("cols"):
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, spec["cols"], 0, 0))
    env = dict(os.environ)
    for k in [k for k in env if k.startswith("WA_OPS_") or k == "CI"]:
        del env[k]
    env.update(spec.get("env", {}))
    os.execvpe(spec["argv"][0], spec["argv"], env)

output = b""

def read_some(timeout):
    global output
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return False
    try:
        data = os.read(fd, 65536)
    except OSError:
        return None
    if not data:
        return None
    output += data
    return True

plain = lambda: re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output.decode("utf-8", "replace"))
for step in spec.get("steps", []):
    deadline = time.time() + 15
    start = len(plain())
    while not re.search(step["expect"], plain()[start:] if step.get("new") else plain()):
        if time.time() > deadline or read_some(0.2) is None:
            break
    time.sleep(0.15)
    if "signal" in step:
        os.kill(pid, getattr(signal, step["signal"]))
    else:
        os.write(fd, step["send"].encode())
deadline = time.time() + 20
while time.time() < deadline:
    if read_some(0.2) is None:
        break
_, status = os.waitpid(pid, 0)
code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
print(json.dumps({"code": code, "output": plain()}))
