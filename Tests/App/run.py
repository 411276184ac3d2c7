"""Runs the app's Python tests (unittest) and ends with one summary line.

    /usr/bin/python3 Tests/App/run.py                       # every test_*.py here
    /usr/bin/python3 Tests/App/run.py test_security         # one module
    /usr/bin/python3 Tests/App/run.py test_security.HeaderTests.test_csp   # one test

Prints ``app tests: N passed, M failed`` last. A skipped test, an expected
failure or an unexpected success counts as failed (nothing skipped passes),
and so does an error in a class's set-up or clean-up. Exits 1 when anything
failed or no test ran.
"""

import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


class TimedResult(unittest.TextTestResult):
    """Notes each test class's time, to keep the whole run short."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.class_times = {}

    def startTest(self, test):
        name = type(test).__name__
        first, _ = self.class_times.get(name, (time.monotonic(), 0))
        self.class_times[name] = (first, time.monotonic())
        super().startTest(test)

    def stopTest(self, test):
        super().stopTest(test)
        name = type(test).__name__
        self.class_times[name] = (self.class_times[name][0], time.monotonic())


def main(argv):
    sys.path.insert(0, HERE)
    os.chdir(HERE)
    loader = unittest.TestLoader()
    suite = loader.loadTestsFromNames(argv) if argv else loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    started = time.monotonic()
    result = unittest.TextTestRunner(verbosity=2, resultclass=TimedResult, stream=sys.stdout).run(suite)
    # Count tests, not failure entries: a test whose subtests fail has one
    # entry per failed subtest. Errors outside a test (setUpClass, class
    # clean-ups) are not in testsRun and count once each.
    failed_tests, outside = set(), 0
    for test, _ in result.failures + result.errors + result.skipped + result.expectedFailures:
        test = getattr(test, "test_case", test)  # a subtest's own test
        if isinstance(test, unittest.TestCase):
            failed_tests.add(test.id())
        else:
            outside += 1
    failed_tests.update(t.id() for t in result.unexpectedSuccesses)
    bad = len(failed_tests) + outside
    passed = result.testsRun - len(failed_tests)
    for name, (first, last) in sorted(result.class_times.items()):
        print(f"  {name}: {last - first:.1f} s (tests only; set-up not counted)")
    print(f"app tests took {time.monotonic() - started:.0f} s")
    print(f"app tests: {passed} passed, {bad} failed")
    if result.testsRun == 0:
        print("no app test ran", file=sys.stderr)
        return 1
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
