#!/usr/bin/env python3
"""Checks that scenarios/scenario.schema.json and the C++ loader agree.

  schema_check.py --schema S --scenarios DIR --rejects DIR
                  [--valid DIR] [--rejects-loader-only DIR] [--cli PATH]

* every DIR/*.json of --scenarios (the built-in library) and of --valid must
  pass the schema;
* every *.json of --rejects must be JSON that the schema rejects (each holds
  one defect a schema can express);
* --rejects-loader-only (default: the folder "rejects-loader-only" next to
  --rejects, when it exists) holds defects a schema cannot express (duplicate
  keys, undefined references, recursion, task totals, syntax errors): they are
  not judged by the schema, only reported for information;
* with --cli, `CLI validate FILE` must exit 0 for built-ins and valid files,
  and 1 for both reject folders.

Exit code: 0 when everything agrees, 1 on any disagreement, 2 on a usage
error (missing folder, invalid schema, jsonschema not installed).
"""

import argparse
import glob
import json
import os
import subprocess
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
except ImportError:  # pragma: no cover
    print("schema_check: the python3 'jsonschema' module is missing "
          "(Debian: apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(2)


class DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise DuplicateKey(f"duplicate key {key!r}")
        seen.add(key)
    return dict(pairs)


def load_json(path):
    """(document, None) or (None, reason). Duplicate keys count as an error:
    Python would silently keep the last one, the loader reports them."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f, object_pairs_hook=_no_duplicates), None
    except DuplicateKey as e:
        return None, str(e)
    except json.JSONDecodeError as e:
        return None, f"not JSON: {e}"
    except (OSError, UnicodeDecodeError) as e:
        return None, f"unreadable: {e}"


def json_path(error):
    parts = []
    for p in error.absolute_path:
        if isinstance(p, int):
            parts.append(f"[{p}]")
        else:
            parts.append(("." if parts else "") + str(p))
    return "".join(parts) or "(document)"


def short(text, limit=140):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_errors(validator, doc):
    """(number of errors, the most relevant one as text) or (0, None)."""
    errors = list(validator.iter_errors(doc))
    if not errors:
        return 0, None
    err = best_match(errors)
    return len(errors), f"{json_path(err)}: {short(err.message)}"


def run_cli(cli, path):
    """(exit code or None, first line of output)."""
    try:
        proc = subprocess.run([cli, "validate", path], capture_output=True, text=True,
                              timeout=60)
    except subprocess.TimeoutExpired:
        return None, "timed out after 60 s"
    except OSError as e:
        return None, f"could not run: {e}"
    out = (proc.stderr + proc.stdout).strip().splitlines()
    first = next((line for line in out if "error" in line), out[0] if out else "")
    return proc.returncode, short(first)


def json_files(folder):
    # scenarios/ also holds scenario.schema.json, which is not a scenario
    return sorted(p for p in glob.glob(os.path.join(folder, "*.json"))
                  if not p.endswith(".schema.json"))


class Report:
    def __init__(self):
        self.failures = []
        self.checked = 0

    def line(self, ok, group, path, what):
        mark = "ok  " if ok else "FAIL"
        print(f"  {mark} {os.path.basename(path)}: {what}")
        if not ok:
            self.failures.append(f"{group}/{os.path.basename(path)}: {what}")


def check_positive(report, group, folder, validator, cli):
    files = json_files(folder)
    print(f"{group}: {folder} ({len(files)} file{'s' if len(files) != 1 else ''}, must pass)")
    for path in files:
        report.checked += 1
        doc, problem = load_json(path)
        if problem:
            report.line(False, group, path, f"schema: {problem}")
        else:
            n, first = schema_errors(validator, doc)
            report.line(n == 0, group, path,
                        "schema: accepted" if n == 0 else f"schema: {n} error(s), {first}")
        if cli:
            code, first = run_cli(cli, path)
            report.line(code == 0, group, path,
                        "cli: exit 0" if code == 0 else f"cli: exit {code} (want 0): {first}")


def check_rejects(report, group, folder, validator, cli):
    files = json_files(folder)
    print(f"{group}: {folder} ({len(files)} file{'s' if len(files) != 1 else ''}, schema must reject)")
    for path in files:
        report.checked += 1
        doc, problem = load_json(path)
        if problem:
            # A reject that is not JSON tests the parser, not the schema:
            # it belongs in rejects-loader-only.
            report.line(False, group, path, f"{problem} (move it to rejects-loader-only)")
        else:
            n, first = schema_errors(validator, doc)
            report.line(n > 0, group, path,
                        f"schema rejects: {first}" if n else "schema ACCEPTS it (want: rejected)")
        if cli:
            code, first = run_cli(cli, path)
            report.line(code == 1, group, path,
                        f"cli: exit 1: {first}" if code == 1 else f"cli: exit {code} (want 1): {first}")


def check_loader_only(report, group, folder, validator, cli):
    files = json_files(folder)
    what = "cli must reject" if cli else "informational without --cli"
    print(f"{group}: {folder} ({len(files)} file{'s' if len(files) != 1 else ''}, {what})")
    for path in files:
        report.checked += 1
        doc, problem = load_json(path)
        if problem:
            info = f"schema: n/a ({problem})"
        else:
            n, first = schema_errors(validator, doc)
            info = "schema: accepted (expected)" if n == 0 else f"schema: also rejects: {first}"
        print(f"  info {os.path.basename(path)}: {info}")
        if cli:
            code, first = run_cli(cli, path)
            report.line(code == 1, group, path,
                        f"cli: exit 1: {first}" if code == 1 else f"cli: exit {code} (want 1): {first}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--schema", required=True, help="scenario.schema.json")
    ap.add_argument("--scenarios", required=True, help="the built-in library (*.json must pass)")
    ap.add_argument("--rejects", required=True, help="files the schema must reject")
    ap.add_argument("--valid", help="more files that must pass")
    ap.add_argument("--rejects-loader-only", dest="loader_only",
                    help="files only the loader can reject (default: rejects-loader-only "
                         "next to --rejects, when it exists)")
    ap.add_argument("--cli", help="asyncscope-cli: also check `CLI validate FILE`")
    args = ap.parse_args()

    folders = [("--scenarios", args.scenarios), ("--rejects", args.rejects)]
    if args.valid:
        folders.append(("--valid", args.valid))
    loader_only = args.loader_only
    if loader_only:
        folders.append(("--rejects-loader-only", loader_only))
    else:
        guess = os.path.join(os.path.dirname(os.path.abspath(args.rejects)), "rejects-loader-only")
        loader_only = guess if os.path.isdir(guess) else None
    for opt, folder in folders:
        if not os.path.isdir(folder):
            print(f"schema_check: {opt} {folder}: not a folder", file=sys.stderr)
            return 2
    if args.cli and not os.access(args.cli, os.X_OK):
        print(f"schema_check: --cli {args.cli}: not an executable", file=sys.stderr)
        return 2

    schema, problem = load_json(args.schema)
    if problem:
        print(f"schema_check: {args.schema}: {problem}", file=sys.stderr)
        return 2
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"schema_check: {args.schema} is not a valid draft 2020-12 schema: "
              f"{json_path(e)}: {e.message}", file=sys.stderr)
        return 2
    validator = Draft202012Validator(schema)
    print(f"schema: {args.schema} (draft 2020-12, valid)")
    if args.cli:
        print(f"cli: {args.cli}")

    report = Report()
    check_positive(report, "scenarios", args.scenarios, validator, args.cli)
    if args.valid:
        check_positive(report, "valid", args.valid, validator, args.cli)
    check_rejects(report, "rejects", args.rejects, validator, args.cli)
    if loader_only:
        check_loader_only(report, "rejects-loader-only", loader_only, validator, args.cli)

    print()
    if report.failures:
        print(f"{len(report.failures)} disagreement(s) in {report.checked} file(s):")
        for f in report.failures:
            print(f"  {f}")
        return 1
    print(f"all {report.checked} file(s) agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
