"""Which files go into the wheel; everything else about the project is in pyproject.toml.

``content/`` and ``resources/`` stay at the top of the repository, where authors edit them, and are
shipped inside the package as ``coopguide/_bundled/content`` and ``coopguide/_bundled/resources``,
where :func:`coopguide.core.shared.paths.bundle_root` finds them in an installed wheel. In a checkout
(editable install included) and in the PyInstaller bundle, it finds them at the top instead.
pyproject.toml cannot say this: a ``find`` of the packages and a ``package-dir`` mapping of extra ones
do not combine there.
"""

from setuptools import find_packages, setup

BUNDLED = {"coopguide._bundled.content": "content", "coopguide._bundled.resources": "resources"}

setup(
    packages=[*find_packages(include=["coopguide", "coopguide.*"]), *BUNDLED],
    package_dir=BUNDLED,
    package_data={package: ["**/*"] for package in BUNDLED},
    include_package_data=False,  # exactly the files above: no guessing from the source list
)
