"""Make sure the browser tests have Debian's Chromium: install it with apt when we are root and it is missing.

`make test` calls this so that a fresh machine needs nothing installed by hand. Without root and
without Chromium it says so and exits non-zero, because silently skipping the browser tests would hide
failures.
"""

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    if os.path.exists(CHROMIUM):
        return 0
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(
            f"The browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium",
            file=sys.stderr,
        )
        return 1
    print("Installing Debian's chromium for the browser tests (once)...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    apt = shutil.which("apt-get") or "apt-get"
    subprocess.run([apt, "update", "-qq"], check=True, env=env)  # noqa: S603 - fixed arguments
    subprocess.run([apt, "install", "-y", "-qq", "--no-install-recommends", "chromium"], check=True, env=env)  # noqa: S603
    return 0


if __name__ == "__main__":
    sys.exit(main())
