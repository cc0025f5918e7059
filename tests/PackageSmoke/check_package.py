"""Checks one packed nupkg (and its .snupkg) against the metadata every OAuthGen package must carry.

Usage: check_package.py NUPKG --id ID --version VERSION --repository URL --commit SHA [--template]
Exits non-zero with one line per failure.
"""
import argparse
import os
import sys
import xml.etree.ElementTree as ET
import zipfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("nupkg")
    parser.add_argument("--id", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--repository", required=True)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--template", action="store_true")
    args = parser.parse_args()

    failures = []
    package = zipfile.ZipFile(args.nupkg)
    names = package.namelist()
    nuspec_name = next((n for n in names if n.endswith(".nuspec") and "/" not in n), None)
    if nuspec_name is None:
        print(f"{args.nupkg}: no nuspec", file=sys.stderr)
        return 1
    root = ET.fromstring(package.read(nuspec_name))
    ns = {"n": root.tag[1:root.tag.index("}")]} if root.tag.startswith("{") else {"n": ""}
    metadata = root.find("n:metadata", ns)

    def text(tag):
        element = metadata.find(f"n:{tag}", ns)
        return None if element is None else (element.text or "").strip()

    def expect(condition, failure):
        if not condition:
            failures.append(failure)

    expect(text("id") == args.id, f"id is {text('id')!r}, expected {args.id!r}")
    expect(text("version") == args.version, f"version is {text('version')!r}, expected {args.version!r}")
    license_element = metadata.find("n:license", ns)
    expect(license_element is not None and license_element.get("type") == "expression"
           and (license_element.text or "").strip() == "MIT", "license is not the expression MIT")
    readme = text("readme")
    expect(bool(readme), "no readme element")
    if readme:
        expect(readme in names, f"readme {readme!r} is referenced but not in the package")
        if readme in names:
            expect(len(package.read(readme).strip()) > 0, f"readme {readme!r} is empty")
    expect(text("projectUrl") == args.repository, f"projectUrl is {text('projectUrl')!r}, expected {args.repository!r}")
    repository = metadata.find("n:repository", ns)
    expect(repository is not None and repository.get("url") == args.repository,
           f"repository url is {None if repository is None else repository.get('url')!r}, expected {args.repository!r}")
    expect(repository is not None and repository.get("type") == "git", "repository type is not git")
    expect(repository is not None and repository.get("commit") == args.commit,
           f"repository commit is {None if repository is None else repository.get('commit')!r}, expected {args.commit}")
    expect(bool(text("tags")), "no tags")
    expect(bool(text("description")), "no description")
    expect(text("authors") == "OAuthGen contributors", f"authors is {text('authors')!r}")

    package_types = [t.get("name") for t in metadata.findall("n:packageTypes/n:packageType", ns)]
    if args.template:
        expect("Template" in package_types, f"package types are {package_types}, expected Template")
    else:
        assemblies = [n for n in names if n.startswith("lib/") and n.endswith(".dll")]
        expect(bool(assemblies), "no assembly under lib/")
        failures.extend(check_symbols(args, assemblies))

    for failure in failures:
        print(f"{os.path.basename(args.nupkg)}: {failure}", file=sys.stderr)
    return 1 if failures else 0


def check_symbols(args, assemblies):
    """Each lib/ assembly has a portable PDB in the .snupkg whose SourceLink points at the repository's commit."""
    failures = []
    snupkg = args.nupkg[: -len(".nupkg")] + ".snupkg"
    if not os.path.exists(snupkg):
        return [f"no symbol package {os.path.basename(snupkg)}"]
    symbols = zipfile.ZipFile(snupkg)
    owner_and_name = args.repository.removeprefix("https://github.com/")
    content_url = f"https://raw.githubusercontent.com/{owner_and_name}/{args.commit}/*".encode()
    for assembly in assemblies:
        pdb_name = assembly[: -len(".dll")] + ".pdb"
        if pdb_name not in symbols.namelist():
            failures.append(f"the symbol package has no {pdb_name}")
            continue
        pdb = symbols.read(pdb_name)
        # A portable PDB is ECMA-335 metadata (signature BSJB); Windows PDBs start "Microsoft C/C++ MSF".
        if not pdb.startswith(b"BSJB"):
            failures.append(f"{pdb_name} is not a portable PDB")
        # The SourceLink document is stored as plain UTF-8 JSON in the PDB.
        if content_url not in pdb:
            failures.append(f"{pdb_name} has no SourceLink to {content_url.decode()}")
        # Deterministic (CI) builds map the build directory to /_/ so the PDB does not depend on where it was built.
        if b'"/_/*"' not in pdb:
            failures.append(f"{pdb_name} was not built deterministically (no /_/ source root)")
    return failures


if __name__ == "__main__":
    sys.exit(main())
