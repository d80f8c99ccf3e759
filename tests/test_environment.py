"""environment.yml (conda) must agree with pyproject.toml (conda itself cannot run here)."""

import re
import tomllib

import yaml


def _pins(requirements):
    out = {}
    for req in requirements:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;]+)\s*", req)
        if m:
            out[m.group(1).lower()] = m.group(2)
    return out


def test_environment_yml_matches_pyproject(repo):
    env = yaml.safe_load((repo / "environment.yml").read_text())
    project = tomllib.loads((repo / "pyproject.toml").read_text())["project"]
    assert env["name"] == "nefnet"
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "pip" in conda
    py = next(d for d in conda if d.startswith("python="))
    assert project["requires-python"] == ">=" + py.split("=")[1]
    # everything Python comes from pip, installing this project with its book/test extras
    assert "-e .[book,test]" in pip
    assert set(project["optional-dependencies"]) >= {"book", "test"}
    declared = _pins(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared.update(_pins(extra))
    for name, version in _pins(pip).items():
        assert declared.get(name) == version, f"{name}=={version} not pinned so in pyproject"
    # no conda package duplicates a pip-managed one
    conda_names = {re.split(r"[=<>]", d)[0].lower() for d in conda}
    assert not conda_names & (set(declared) | {"pytorch"})
    assert declared["torch"] == "2.13.0" and declared["jupyter-book"].startswith("1.")
