"""The app is built from pyproject.toml by flit_core, as Frappe v15's app template does; pip and
bench read pyproject.toml and never run this file. It stays because the project's design card
names it: run directly (``python setup.py``, with flit_core installed: ``pip install flit_core``)
it builds the same wheel into dist/.
"""

if __name__ == "__main__":
	import os

	from flit_core.buildapi import build_wheel

	os.makedirs("dist", exist_ok=True)
	print(os.path.join("dist", build_wheel("dist")))
