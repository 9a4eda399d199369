"""Shared by the data-building scripts (build-gazetteer.py, train-language-model.py): a venv
under the work directory with exactly the pinned PyPI packages, rebuilt only when the pins change."""
import os
import subprocess
import sys


def ensure_venv(work, pins):
    """Returns the venv's python; installs `pins` (list of 'name==version') when they changed."""
    venv = os.path.join(work, "venv")
    py = os.path.join(venv, "bin", "python")
    stamp = os.path.join(venv, ".pins")
    want = "\n".join(pins)
    if not (os.path.exists(stamp) and open(stamp).read() == want):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
        subprocess.check_call([py, "-m", "pip", "install", "-q", *pins])
        open(stamp, "w").write(want)
    return py
