"""The packages that compute and typeset the report: the appendix lists their versions, the build's cache
keys on them. Its own module, so that the build can read it without importing pandas."""

KEY_PACKAGES = (
    "pandas",
    "pandera",
    "numpy",
    "matplotlib",
    "cpi",
    "papermill",
    "nbclient",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "typst",
    "jinja2",
    "pyyaml",
)
