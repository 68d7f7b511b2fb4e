"""Assertions a test counts for its closing line ("cli: 57 checks"), shared by the command-line tests.

    check = Checks()
    check(r.returncode == 0, f"exit {r.returncode}")
    print(f"cli: {check.count} checks")
"""


class Checks:
    def __init__(self):
        self.count = 0

    def __call__(self, cond, what):
        assert cond, what
        self.count += 1
