from setuptools import find_packages, setup

from sanfenlei_app import __version__ as version

setup(
	name="sanfenlei_app",
	version=version,
	description="三分类三升级: a Frappe app that runs a district's grassroots party organisation grading campaign",
	author="sanfenlei_app contributors",
	author_email="dev@sanfenlei.local",
	license="MIT",
	packages=find_packages(),
	zip_safe=False,
	include_package_data=True,
	python_requires=">=3.10",
	install_requires=["openpyxl>=3.1,<3.2"],  # xlsx_rows.py hooks into 3.1's write-only writer
)
