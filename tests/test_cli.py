"""The command line: help, exit codes, errors naming the bad argument."""

import subprocess
import sys

import pytest

from symq.cli import main


def test_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "symq.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for cmd in ("derive", "audit"):
        assert cmd in out.stdout


def test_unknown_model_is_a_clear_error(capsys):
    assert main(["derive", "no_such_model"]) == 3
    err = capsys.readouterr().err
    assert "no_such_model" in err and "unbalanced_dimer" in err and "Traceback" not in err


def test_unknown_paper_in_audit(capsys):
    assert main(["audit", "nope"]) == 3
    assert "nope" in capsys.readouterr().err


def test_bad_option_is_an_argparse_error():
    with pytest.raises(SystemExit) as e:
        main(["audit", "--format", "html"])
    assert e.value.code == 2
